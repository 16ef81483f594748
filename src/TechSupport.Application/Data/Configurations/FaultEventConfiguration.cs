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
        builder.HasIndex(e => new { e.FaultId, e.At });
        builder.Property(e => e.ActorName).HasMaxLength(200);
        builder.Property(e => e.Text).HasMaxLength(TextLength);
    }
}
