using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Application.Data.Configurations;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Facility;

[RequiresRole(Role.Manager)]
public sealed record CreateProduction(string? Name, Classification? Classification, DeliverableSpec? DeliverableSpec = null,
    DateTimeOffset? DeliveryDeadline = null) : ICommand<ProductionView>;

public sealed class CreateProductionValidator : AbstractValidator<CreateProduction>
{
    public CreateProductionValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Name the production.").MaximumLength(ProductionConfiguration.NameLength);
        RuleFor(x => x.Classification).NotNull().WithMessage("Pick a classification.").IsInEnum();
        When(x => x.DeliverableSpec is not null, () =>
        {
            const int max = ProductionConfiguration.SpecLength;
            RuleFor(x => x.DeliverableSpec!.Resolution).MaximumLength(max).OverridePropertyName("deliverableSpec.resolution");
            RuleFor(x => x.DeliverableSpec!.FrameRate).MaximumLength(max).OverridePropertyName("deliverableSpec.frameRate");
            RuleFor(x => x.DeliverableSpec!.Codec).MaximumLength(max).OverridePropertyName("deliverableSpec.codec");
            RuleFor(x => x.DeliverableSpec!.Wrapper).MaximumLength(max).OverridePropertyName("deliverableSpec.wrapper");
            RuleFor(x => x.DeliverableSpec!.ColourSpace).MaximumLength(max).OverridePropertyName("deliverableSpec.colourSpace");
            RuleFor(x => x.DeliverableSpec!.Transfer).MaximumLength(max).OverridePropertyName("deliverableSpec.transfer");
            RuleFor(x => x.DeliverableSpec!.LoudnessTarget).MaximumLength(max)
                .OverridePropertyName("deliverableSpec.loudnessTarget");
            RuleFor(x => x.DeliverableSpec!.BitDepth).MaximumLength(max).OverridePropertyName("deliverableSpec.bitDepth");
            RuleFor(x => x.DeliverableSpec!.SampleRate).MaximumLength(max).OverridePropertyName("deliverableSpec.sampleRate");
        });
    }
}

public sealed class CreateProductionHandler(TechSupportDbContext db, TimeProvider clock)
    : ICommandHandler<CreateProduction, ProductionView>
{
    public async ValueTask<ProductionView> Handle(CreateProduction command, CancellationToken cancellationToken)
    {
        var name = command.Name!.Trim();
        // Names are unique across all classifications; the message does not say which production holds it.
        if (await db.Productions.AnyAsync(p => p.Name == name, cancellationToken))
        {
            throw Invalid.Field("name", "That production name is taken.");
        }

        var production = Production.Create(name, command.Classification!.Value, command.DeliverableSpec,
            command.DeliveryDeadline, clock.GetUtcNow());
        db.Productions.Add(production);
        return ProductionView.From(production);
    }
}
