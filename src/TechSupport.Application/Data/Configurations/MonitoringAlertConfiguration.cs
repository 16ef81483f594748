using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSupport.Application.Integrations;
using TechSupport.Domain;

namespace TechSupport.Application.Data.Configurations;

public sealed class MonitoringAlertConfiguration : IEntityTypeConfiguration<MonitoringAlert>
{
    public void Configure(EntityTypeBuilder<MonitoringAlert> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Fingerprint).HasMaxLength(FaultConfiguration.AlertFingerprintLength);
        builder.HasIndex(a => a.Fingerprint).IsUnique();
        builder.Property(a => a.AlertName).HasMaxLength(200);
        builder.Property(a => a.Status).HasMaxLength(16);
        builder.Property(a => a.Labels).HasMaxLength(8_000);
        builder.Property(a => a.Annotations).HasMaxLength(8_000);
        builder.Ignore(a => a.Unmapped);
        builder.HasIndex(a => new { a.SuiteId, a.LastSeenAt });
        builder.HasOne<Suite>().WithMany().HasForeignKey(a => a.SuiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Fault>().WithMany().HasForeignKey(a => a.FaultId).OnDelete(DeleteBehavior.SetNull);
    }
}
