using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSupport.Application.Identity;

namespace TechSupport.Application.Data.Configurations;

public sealed class TokenSessionConfiguration : IEntityTypeConfiguration<TokenSession>
{
    public void Configure(EntityTypeBuilder<TokenSession> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Generation).IsConcurrencyToken();
        builder.HasIndex(s => new { s.UserId, s.ExpiresAt });
        builder.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
