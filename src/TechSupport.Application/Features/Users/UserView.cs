using TechSupport.Application.Features.Shared;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Users;

public sealed record UserView(Guid Id, string Email, string DisplayName, Role Role, IReadOnlyList<NamedRef> Clearances);
