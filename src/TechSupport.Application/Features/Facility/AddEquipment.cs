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

public sealed class AddEquipmentHandler(TechSupportDbContext db, TimeProvider clock) : ICommandHandler<AddEquipment, EquipmentView>
{
    public async ValueTask<EquipmentView> Handle(AddEquipment command, CancellationToken cancellationToken)
    {
        var suite = await db.Suites.Include(s => s.Equipment).SingleOrDefaultAsync(s => s.Id == command.SuiteId, cancellationToken)
            ?? throw new NotFoundException("suite");
        var item = suite.AddEquipment(command.Kind!.Value, command.Make!, command.Model!, command.Serial, command.Firmware,
            clock.GetUtcNow());
        return EquipmentView.From(item);
    }
}
