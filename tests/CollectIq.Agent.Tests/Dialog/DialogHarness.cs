using CollectIq.Agent.Dialog;
using CollectIq.Agent.Understanding;
using Microsoft.Extensions.Time.Testing;

namespace CollectIq.Agent.Tests.Dialog;

/// <summary>Drives a real <see cref="CollectionsDialog"/> over scripted inputs and keeps everything it did.</summary>
internal sealed class DialogHarness
{
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 25, 15, 0, 0, TimeSpan.Zero); // Wed 10:00 in New York

    public static readonly IReadOnlyList<OpenInvoice> TwoInvoices =
    [
        new("INV-1001", 120.50m, "USD", new DateOnly(2026, 10, 1)),
        new("INV-1002", 125.00m, "USD", new DateOnly(2026, 10, 20)),
    ];

    public FakeTimeProvider Time { get; }
    public CollectionsDialog Dialog { get; }
    public DialogContext Context { get; }
    public List<DialogResponse> Responses { get; } = [];

    public DialogHarness(IReadOnlyList<OpenInvoice>? invoices = null, string timeZone = "America/New_York", DateTimeOffset? now = null, DialogOptions? options = null)
    {
        Time = new FakeTimeProvider(now ?? DefaultNow);
        Context = new DialogContext("Acme Supplies", "+15551234567", "Jordan Smith", invoices ?? TwoInvoices, TimeZoneInfo.FindSystemTimeZoneById(timeZone));
        Dialog = new CollectionsDialog(Context, new RuleUnderstander(), Time, options);
        Responses.Add(Dialog.Start());
    }

    public DialogResponse Say(string text, double confidence = 0.9, params string[] alternatives) => Add(new PayerSaid(text, confidence, alternatives));

    public DialogResponse Keys(string digits)
    {
        DialogResponse last = null!;
        foreach (var digit in digits) last = Add(new KeyPressed(digit));
        return last;
    }

    public DialogResponse Silence() => Add(new SilenceTimedOut());

    public DialogResponse Add(DialogInput input)
    {
        var response = Dialog.Handle(input);
        Responses.Add(response);
        return response;
    }

    public IEnumerable<string> AllSaid => Responses.SelectMany(r => r.SaidTexts);
    public IEnumerable<DialogAction> AllActions => Responses.SelectMany(r => r.Actions);
    public IReadOnlyList<RecordOutcomeAction> Outcomes => AllActions.OfType<RecordOutcomeAction>().ToList();
    public RecordOutcomeAction SingleOutcome => Assert.Single(Outcomes);

    public DialogResponse ConfirmIdentity() => Say("yes speaking");
}
