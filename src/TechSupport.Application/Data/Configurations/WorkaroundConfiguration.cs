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
    }
}
