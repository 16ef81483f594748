using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSupport.Domain;

namespace TechSupport.Application.Data.Configurations;

public sealed class EquipmentConfiguration : IEntityTypeConfiguration<Equipment>
{
    public const int TextLength = 100;

    public void Configure(EntityTypeBuilder<Equipment> builder)
    {
        builder.HasKey(e => e.Id);
        // Ids are made in Domain (version 7), so a new child found through a navigation is an insert.
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Ignore(e => e.Name);
        builder.Property(e => e.Make).HasMaxLength(TextLength);
        builder.Property(e => e.Model).HasMaxLength(TextLength);
        builder.Property(e => e.Serial).HasMaxLength(TextLength);
        builder.Property(e => e.Firmware).HasMaxLength(TextLength);
    }
}
