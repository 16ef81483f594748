using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Facility;

public sealed record ComponentInput(EquipmentKind? Kind, string? Product, string? Vendor, string? Version, string? Settings,
    string? Serial = null);

// An engineer records a suite's whole configuration as it now stands: a new immutable revision with its
// author, time, reason and, optionally, the fault it fixes. Nothing before it is changed (PC8).
[RequiresRole(Role.Engineer)]
public sealed record RecordConfiguration(Guid SuiteId, string? Reason, Guid? FaultId, IReadOnlyList<ComponentInput>? Components)
    : ICommand<RevisionView>;

public sealed class RecordConfigurationValidator : AbstractValidator<RecordConfiguration>
{
    public const int MostComponents = 500;

    public RecordConfigurationValidator()
    {
        RuleFor(x => x.Reason).NotEmpty().WithMessage("Say why the configuration changed.").MaximumLength(1_000);
        RuleFor(x => x.Components).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("List the suite's components.")
            .Must(c => c!.Count <= MostComponents).WithMessage($"At most {MostComponents} components.")
            .Must(c => c!.All(i => i is not null)).WithMessage("Every component needs its kind and product.")
            .Must(c => c!.Where(i => i is { Kind: not null, Product: not null })
                    .GroupBy(i => (i.Kind, Key(i.Vendor), Key(i.Product), Key(i.Version), Key(i.Settings), Key(i.Serial)))
                    .All(g => g.Count() == 1))
                .WithMessage("A component is listed twice; list each once (two identical units differ by their settings or serial).");
        RuleForEach(x => x.Components).ChildRules(c =>
        {
            c.RuleFor(i => i.Kind).NotNull().WithMessage("Pick the component's kind.").IsInEnum();
            c.RuleFor(i => i.Product).NotEmpty().WithMessage("Name the product.").MaximumLength(200);
            c.RuleFor(i => i.Vendor).MaximumLength(200);
            c.RuleFor(i => i.Version).MaximumLength(100);
            c.RuleFor(i => i.Settings).MaximumLength(500);
            c.RuleFor(i => i.Serial).MaximumLength(100);
        }).When(x => x.Components is not null && x.Components.All(i => i is not null));
    }

    private static string Key(string? text) => text?.Trim().ToUpperInvariant() ?? "";
}

public sealed class RecordConfigurationHandler(TechSupportDbContext db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<RecordConfiguration, RevisionView>
{
    public async ValueTask<RevisionView> Handle(RecordConfiguration command, CancellationToken cancellationToken)
    {
        if (!await db.Suites.AnyAsync(s => s.Id == command.SuiteId, cancellationToken))
        {
            throw new NotFoundException("suite");
        }

        // S3: a fault the engineer may not see reads exactly as one that does not exist.
        if (command.FaultId is { } faultId && !await db.Faults.VisibleTo(user).AnyAsync(f => f.Id == faultId, cancellationToken))
        {
            throw Invalid.Field("faultId", "No such fault.");
        }

        var latest = await db.ConfigurationRevisions.Where(r => r.SuiteId == command.SuiteId)
            .MaxAsync(r => (int?)r.Number, cancellationToken) ?? 0;
        var components = command.Components!.Select(c => new ConfigurationComponent(c.Kind!.Value, c.Product!.Trim(),
            c.Vendor?.Trim() ?? "", c.Version?.Trim() ?? "", string.IsNullOrWhiteSpace(c.Settings) ? null : c.Settings.Trim(),
            string.IsNullOrWhiteSpace(c.Serial) ? null : c.Serial.Trim()));
        var now = clock.GetUtcNow();
        var revision = ConfigurationRevision.Next(command.SuiteId, latest, components, user.Actor.Id, command.Reason!, command.FaultId, now);
        db.ConfigurationRevisions.Add(revision);
        return new RevisionView(revision.Number, revision.CreatedAt, user.Name, revision.Reason, revision.FaultId, revision.Components);
    }
}
