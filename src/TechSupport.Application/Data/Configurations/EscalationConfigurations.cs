using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSupport.Application.Escalation;

namespace TechSupport.Application.Data.Configurations;

public sealed class StoredPolicyConfiguration : IEntityTypeConfiguration<StoredPolicy>
{
    public void Configure(EntityTypeBuilder<StoredPolicy> builder)
    {
        builder.ToTable("EscalationPolicy");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Json).HasMaxLength(20_000);
        builder.Property(p => p.Version).IsConcurrencyToken();
    }
}

public sealed class EscalationLeaseConfiguration : IEntityTypeConfiguration<EscalationLease>
{
    public void Configure(EntityTypeBuilder<EscalationLease> builder)
    {
        builder.ToTable("Leases");
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(64);
        builder.Property(l => l.Holder).HasMaxLength(200);
    }
}
