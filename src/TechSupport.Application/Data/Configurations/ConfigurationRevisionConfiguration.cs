using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSupport.Domain;

namespace TechSupport.Application.Data.Configurations;

public sealed class ConfigurationRevisionConfiguration : IEntityTypeConfiguration<ConfigurationRevision>
{
    public void Configure(EntityTypeBuilder<ConfigurationRevision> builder)
    {
        builder.HasKey(r => r.Id);
        // Ids are made in Domain (version 7), so a new child found through a navigation is an insert.
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasIndex(r => new { r.SuiteId, r.Number }).IsUnique();
        builder.Property(r => r.Reason).HasMaxLength(1_000);
        builder.HasOne<Suite>().WithMany().HasForeignKey(r => r.SuiteId).OnDelete(DeleteBehavior.Restrict);
        // A revision is immutable and read whole, so its components live in it as one JSON document.
        builder.OwnsMany(r => r.Components, c => c.ToJson("Components"));
        builder.Navigation(r => r.Components).HasField("_components").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
