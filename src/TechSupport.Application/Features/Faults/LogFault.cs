using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Application.Data.Configurations;
using TechSupport.Application.Escalation;
using TechSupport.Domain;
using Severity = TechSupport.Domain.Severity;

namespace TechSupport.Application.Features.Faults;

public sealed record ImpactInput(decimal? SessionHoursLost, decimal? EstimatedCost, bool? DeadlineAtRisk);

public sealed record LogFault(
    Guid? SuiteId,
    Guid? EquipmentId,
    Guid? ProductionId,
    string? Title,
    string? Symptoms,
    WorkflowStage? WorkflowStage,
    FaultCategory? Category,
    Severity? Severity,
    ImpactInput? Impact = null,
    bool? HealthAndSafety = null,
    bool? SecurityIncident = null) : ICommand<FaultView>;

public sealed class LogFaultValidator : AbstractValidator<LogFault>
{
    public LogFaultValidator()
    {
        RuleFor(x => x.SuiteId).NotEmpty().WithMessage("Pick the suite the fault is in.");
        RuleFor(x => x.Title).NotEmpty().WithMessage("Give the fault a short title.")
            .MaximumLength(FaultConfiguration.TitleLength);
        RuleFor(x => x.Symptoms).NotEmpty().WithMessage("Describe what you see.")
            .MaximumLength(FaultConfiguration.SymptomsLength);
        RuleFor(x => x.WorkflowStage).NotNull().WithMessage("Pick the workflow stage.").IsInEnum();
        RuleFor(x => x.Category).NotNull().WithMessage("Pick a category.").IsInEnum();
        RuleFor(x => x.Severity).NotNull().WithMessage("Pick a severity.").IsInEnum();
        RuleFor(x => x.Impact!.SessionHoursLost).InclusiveBetween(0, 10_000).When(x => x.Impact is not null)
            .OverridePropertyName("impact.sessionHoursLost");
        RuleFor(x => x.Impact!.EstimatedCost).InclusiveBetween(0, 100_000_000).When(x => x.Impact is not null)
            .OverridePropertyName("impact.estimatedCost");
    }
}

public sealed class LogFaultHandler(TechSupportDbContext db, ICurrentUser user, FaultWork work)
    : ICommandHandler<LogFault, FaultView>
{
    public async ValueTask<FaultView> Handle(LogFault command, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var suite = await db.Suites.SingleOrDefaultAsync(s => s.Id == command.SuiteId, ct)
            ?? throw Invalid.Field("suiteId", "No such suite.");

        var equipment = command.EquipmentId is { } equipmentId
            ? await db.Equipment.SingleOrDefaultAsync(e => e.Id == equipmentId && e.SuiteId == suite.Id, ct)
              ?? throw Invalid.Field("equipmentId", "No such equipment in that suite.")
            : null;

        // Absent and not cleared read the same, so the answer leaks nothing (S3).
        var production = command.ProductionId is { } productionId
            ? await db.Productions.VisibleTo(user).SingleOrDefaultAsync(p => p.Id == productionId, ct)
              ?? throw Invalid.Field("productionId", "No such production.")
            : null;

        var revision = await db.ConfigurationRevisions.Where(r => r.SuiteId == suite.Id)
            .OrderByDescending(r => r.Number).FirstOrDefaultAsync(ct);

        var impact = command.Impact is { } i
            ? new Impact(i.SessionHoursLost, i.EstimatedCost, i.DeadlineAtRisk ?? false)
            : null;
        // The validator guarantees the required values are present.
        var report = new FaultReport(suite, equipment, production, revision, command.Title!, command.Symptoms!,
            command.WorkflowStage!.Value, command.Category!.Value, command.Severity!.Value, impact,
            command.HealthAndSafety ?? false, command.SecurityIncident ?? false);

        var number = await db.NextFaultNumberAsync(ct);
        var fault = Fault.Log(report, number, user.Actor, await work.PolicyAsync(ct), work.Now);
        db.Faults.Add(fault);
        return await work.DoneAsync(fault, FaultChange.Logged, ct);
    }
}
