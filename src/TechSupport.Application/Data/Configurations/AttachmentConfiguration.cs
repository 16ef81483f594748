using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSupport.Application.Attachments;
using TechSupport.Domain;

namespace TechSupport.Application.Data.Configurations;

public sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.FileName).HasMaxLength(255);
        builder.Property(a => a.ContentType).HasMaxLength(100);
        builder.Property(a => a.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(a => a.UploadedByName).HasMaxLength(200);
        builder.HasIndex(a => new { a.FaultId, a.UploadedAt });
        builder.HasIndex(a => a.PurgedAt);
        builder.HasOne<Fault>().WithMany().HasForeignKey(a => a.FaultId).OnDelete(DeleteBehavior.Cascade);
    }
}
