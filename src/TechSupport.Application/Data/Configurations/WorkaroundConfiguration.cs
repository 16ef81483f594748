using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSupport.Domain;

namespace TechSupport.Application.Data.Configurations;

public sealed class WorkaroundConfiguration : IEntityTypeConfiguration<Workaround>
{
    public void Configure(EntityTypeBuilder<Workaround> builder)
    {
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).ValueGeneratedNever();
        builder.Property(w => w.Description).HasMaxLength(FaultConfiguration.TextLength);
        builder.Property(w => w.Conditions).HasMaxLength(1_000);
        builder.Property(w => w.AppliedByName).HasMaxLength(200);
    }
}
