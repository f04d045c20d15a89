using System.Security.Claims;
using CollectIq.Data.Operators;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CollectIq.Web.Operators;

/// <summary>Adds the "actor" claim (operator:name) that audit rows and call records use (<see cref="Auth.ApiAuthorization.ActorOf"/>).</summary>
public sealed class OperatorClaimsPrincipalFactory(UserManager<OperatorUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<OperatorUser>(users, options)
{
    public const string AdminClaim = "collectiq:admin";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(OperatorUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim("actor", ActorFor(user)));
        if (user.IsAdmin) identity.AddClaim(new Claim(AdminClaim, "true"));
        return identity;
    }

    public static string ActorFor(OperatorUser user) => "operator:" + (user.DisplayName ?? user.UserName);
}
