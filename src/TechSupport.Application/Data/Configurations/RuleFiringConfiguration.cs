using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSupport.Domain;

namespace TechSupport.Application.Data.Configurations;

public sealed class RuleFiringConfiguration : IEntityTypeConfiguration<RuleFiring>
{
    public void Configure(EntityTypeBuilder<RuleFiring> builder)
    {
        // The key is the guarantee: two evaluators racing on one fault cannot both insert it.
        builder.HasKey(r => new { r.FaultId, r.Key });
        builder.Property(r => r.Key).HasMaxLength(64);
    }
}
