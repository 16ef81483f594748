using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSupport.Domain;

namespace TechSupport.Application.Data.Configurations;

public sealed class FaultEventConfiguration : IEntityTypeConfiguration<FaultEvent>
{
    public const int TextLength = 4_000;

    public void Configure(EntityTypeBuilder<FaultEvent> builder)
    {
        builder.HasKey(e => e.Id);
        // Ids are made in Domain (version 7), so a new child found through a navigation is an insert.
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.HasIndex(e => new { e.FaultId, e.Sequence });
        builder.Property(e => e.ActorName).HasMaxLength(200);
        builder.Property(e => e.Text).HasMaxLength(TextLength);
        builder.HasIndex(e => e.Rule);
    }
}
