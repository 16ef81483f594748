using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSupport.Domain;

namespace TechSupport.Application.Data.Configurations;

public sealed class SuiteConfiguration : IEntityTypeConfiguration<Suite>
{
    public const int NameLength = 100;

    public void Configure(EntityTypeBuilder<Suite> builder)
    {
        builder.HasKey(s => s.Id);
        // Ids are made in Domain (version 7), so a new child found through a navigation is an insert.
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Name).HasMaxLength(NameLength);
        builder.HasIndex(s => s.Name).IsUnique();
        builder.Ignore(s => s.InService);
        builder.HasMany(s => s.Equipment).WithOne().HasForeignKey(e => e.SuiteId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(s => s.Equipment).HasField("_equipment").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
