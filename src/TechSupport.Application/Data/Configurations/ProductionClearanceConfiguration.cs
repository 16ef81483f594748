using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSupport.Application.Identity;
using TechSupport.Domain;

namespace TechSupport.Application.Data.Configurations;

public sealed class ProductionClearanceConfiguration : IEntityTypeConfiguration<ProductionClearance>
{
    public void Configure(EntityTypeBuilder<ProductionClearance> builder)
    {
        builder.ToTable("ProductionClearances");
        builder.HasKey(c => new { c.UserId, c.ProductionId });
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Production>().WithMany().HasForeignKey(c => c.ProductionId).OnDelete(DeleteBehavior.Cascade);
    }
}
