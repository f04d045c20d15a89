using CollectIq.Data;
using CollectIq.Domain.Calls;
using Microsoft.EntityFrameworkCore;

namespace CollectIq.Web.Twilio;

/// <summary>
/// Finds the call a webhook is about: by our <c>callId</c> in the query (we put it in every URL we give
/// Twilio) and Twilio's CallSid in the form, which must agree; or by CallSid alone. A call that has no
/// CallSid yet (Twilio called back before the create-call response arrived) gets it here.
/// </summary>
internal static class WebhookCalls
{
    public static async Task<Call?> FindAsync(CollectIqDbContext db, HttpRequest request, IFormCollection form, CancellationToken ct)
    {
        var callSid = form["CallSid"].ToString();
        Call? call = null;
        if (int.TryParse(request.Query["callId"], out var callId))
        {
            call = await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == callId, ct);
            if (call is not null && call.TwilioCallSid is not null && callSid.Length > 0 && call.TwilioCallSid != callSid) return null;
        }
        else if (callSid.Length > 0)
        {
            call = await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.TwilioCallSid == callSid, ct);
        }
        if (call is null) return null;

        if (call.TwilioCallSid is null && callSid.Length > 0)
        {
            try
            {
                var updated = await db.Calls.Where(c => c.Id == call.Id && c.TwilioCallSid == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.TwilioCallSid, callSid), ct);
                if (updated == 0)
                {
                    var current = await db.Calls.AsNoTracking().Where(c => c.Id == call.Id).Select(c => c.TwilioCallSid).FirstAsync(ct);
                    if (current != callSid) return null;
                }
                call.TwilioCallSid = callSid;
            }
            catch (DbUpdateException)
            {
                return null; // that CallSid belongs to another call
            }
        }
        return call;
    }
}
