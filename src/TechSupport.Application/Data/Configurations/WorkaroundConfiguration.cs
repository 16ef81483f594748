using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSupport.Domain;

namespace TechSupport.Application.Data.Configurations;

public sealed class WorkaroundConfiguration : IEntityTypeConfiguration<Workaround>
{
    public const int ConditionsLength = 1_000;

    public void Configure(EntityTypeBuilder<Workaround> builder)
    {
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).ValueGeneratedNever();
        builder.Property(w => w.Description).HasMaxLength(FaultConfiguration.TextLength);
        builder.Property(w => w.Conditions).HasMaxLength(ConditionsLength);
        builder.Property(w => w.AppliedByName).HasMaxLength(200);
        builder.Ignore(w => w.EndangersDeliverable);
        // Written once with the workaround and read whole, so each list is one JSON document.
        builder.Property(w => w.Changes).HasConversion(JsonColumn.Converter<WorkaroundChange>(), JsonColumn.Comparer<WorkaroundChange>())
            .HasMaxLength(4_000);
        builder.Property(w => w.Conflicts).HasConversion(JsonColumn.Converter<DeliverableConflict>(), JsonColumn.Comparer<DeliverableConflict>())
            .HasMaxLength(4_000);
    }
}
