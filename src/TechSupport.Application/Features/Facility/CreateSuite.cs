using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Application.Data.Configurations;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Facility;

[RequiresRole(Role.Manager)]
public sealed record CreateSuite(string? Name, SuiteType? SuiteType) : ICommand<SuiteView>;

public sealed class CreateSuiteValidator : AbstractValidator<CreateSuite>
{
    public CreateSuiteValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Name the suite.").MaximumLength(SuiteConfiguration.NameLength);
        RuleFor(x => x.SuiteType).NotNull().WithMessage("Pick the suite type.").IsInEnum();
    }
}

public sealed class CreateSuiteHandler(TechSupportDbContext db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<CreateSuite, SuiteView>
{
    public async ValueTask<SuiteView> Handle(CreateSuite command, CancellationToken cancellationToken)
    {
        var name = command.Name!.Trim();
        if (await db.Suites.AnyAsync(s => s.Name == name, cancellationToken))
        {
            throw Invalid.Field("name", "A suite with that name exists already.");
        }

        var now = clock.GetUtcNow();
        var suite = Suite.Create(name, command.SuiteType!.Value, now);
        db.Suites.Add(suite);
        // Faults record the revision current when they are logged (PC8), so a suite has one from the start.
        var revision = ConfigurationRevision.First(suite.Id, [], user.Actor.Id, "Suite created", now);
        db.ConfigurationRevisions.Add(revision);
        return new SuiteView(suite.Id, suite.Name, suite.SuiteType, revision.Number, []);
    }
}
