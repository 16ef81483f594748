using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Application.Data.Configurations;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Facility;

[RequiresRole(Role.Manager)]
public sealed record AddEquipment(Guid SuiteId, EquipmentKind? Kind, string? Make, string? Model, string? Serial = null,
    string? Firmware = null) : ICommand<EquipmentView>;

public sealed class AddEquipmentValidator : AbstractValidator<AddEquipment>
{
    public AddEquipmentValidator()
    {
        RuleFor(x => x.Kind).NotNull().WithMessage("Pick the kind of equipment.").IsInEnum();
        RuleFor(x => x.Make).NotEmpty().WithMessage("Give the make.").MaximumLength(EquipmentConfiguration.TextLength);
        RuleFor(x => x.Model).NotEmpty().WithMessage("Give the model.").MaximumLength(EquipmentConfiguration.TextLength);
        RuleFor(x => x.Serial).MaximumLength(EquipmentConfiguration.TextLength);
        RuleFor(x => x.Firmware).MaximumLength(EquipmentConfiguration.TextLength);
    }
}

public sealed class AddEquipmentHandler(TechSupportDbContext db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<AddEquipment, EquipmentView>
{
    public async ValueTask<EquipmentView> Handle(AddEquipment command, CancellationToken cancellationToken)
    {
        var suite = await db.Suites.Include(s => s.Equipment).SingleOrDefaultAsync(s => s.Id == command.SuiteId, cancellationToken)
            ?? throw new NotFoundException("suite");
        var current = await db.ConfigurationRevisions.AsNoTracking().Where(r => r.SuiteId == suite.Id)
            .OrderByDescending(r => r.Number).FirstOrDefaultAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var item = suite.AddEquipment(command.Kind!.Value, command.Make!, command.Model!, command.Serial, command.Firmware, now);

        // Adding kit changes the suite's configuration, and a change is always a new revision (PC8).
        // A suite made before suites got revisions starts from the equipment it has.
        var reason = $"Added {item.Name}";
        var revision = current?.With(ConfigurationComponent.Of(item), user.Actor.Id, reason, now)
            ?? ConfigurationRevision.First(suite.Id, suite.Equipment.Select(ConfigurationComponent.Of), user.Actor.Id, reason, now);
        db.ConfigurationRevisions.Add(revision);
        return EquipmentView.From(item);
    }
}
