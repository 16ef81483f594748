using Mediator;
using Microsoft.Extensions.DependencyInjection;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Behaviours;
using TechSupport.Application.Features.Faults;
using TechSupport.Tests.Support;

namespace TechSupport.Tests;

public sealed class PipelineTests(TechSupportApp app) : IClassFixture<TechSupportApp>
{
    [Fact]
    public void Commands_run_logging_authorisation_validation_and_a_unit_of_work_in_that_order()
    {
        using var scope = app.Services.CreateScope();

        var behaviours = scope.ServiceProvider.GetServices<IPipelineBehavior<LogFault, FaultView>>()
            .Select(b => b.GetType().GetGenericTypeDefinition()).ToList();

        Assert.Equal(
            [typeof(LoggingBehaviour<,>), typeof(AuthorisationBehaviour<,>), typeof(ValidationBehaviour<,>), typeof(UnitOfWorkBehaviour<,>)],
            behaviours);
    }

    [Fact]
    public void Queries_get_no_unit_of_work_so_reading_never_opens_a_write_transaction()
    {
        using var scope = app.Services.CreateScope();

        var behaviours = scope.ServiceProvider.GetServices<IPipelineBehavior<FaultList, Page<FaultView>>>()
            .Select(b => b.GetType().GetGenericTypeDefinition()).ToList();

        Assert.DoesNotContain(typeof(UnitOfWorkBehaviour<,>), behaviours);
        Assert.Contains(typeof(AuthorisationBehaviour<,>), behaviours);
    }
}
