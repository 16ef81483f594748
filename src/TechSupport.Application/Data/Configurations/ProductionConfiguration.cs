using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSupport.Domain;

namespace TechSupport.Application.Data.Configurations;

public sealed class ProductionConfiguration : IEntityTypeConfiguration<Production>
{
    public const int NameLength = 200;
    public const int SpecLength = 100;

    public void Configure(EntityTypeBuilder<Production> builder)
    {
        builder.HasKey(p => p.Id);
        // Ids are made in Domain (version 7), so a new child found through a navigation is an insert.
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Name).HasMaxLength(NameLength);
        builder.HasIndex(p => p.Name).IsUnique();
        builder.OwnsOne(p => p.DeliverableSpec, s =>
        {
            s.Property(x => x.Resolution).HasColumnName("SpecResolution").HasMaxLength(SpecLength);
            s.Property(x => x.FrameRate).HasColumnName("SpecFrameRate").HasMaxLength(SpecLength);
            s.Property(x => x.Codec).HasColumnName("SpecCodec").HasMaxLength(SpecLength);
            s.Property(x => x.Wrapper).HasColumnName("SpecWrapper").HasMaxLength(SpecLength);
            s.Property(x => x.ColourSpace).HasColumnName("SpecColourSpace").HasMaxLength(SpecLength);
            s.Property(x => x.Transfer).HasColumnName("SpecTransfer").HasMaxLength(SpecLength);
            s.Property(x => x.LoudnessTarget).HasColumnName("SpecLoudnessTarget").HasMaxLength(SpecLength);
            s.Property(x => x.BitDepth).HasColumnName("SpecBitDepth").HasMaxLength(SpecLength);
            s.Property(x => x.SampleRate).HasColumnName("SpecSampleRate").HasMaxLength(SpecLength);
        });
    }
}
