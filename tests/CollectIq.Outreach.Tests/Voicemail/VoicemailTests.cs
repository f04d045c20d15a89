using System.Xml.Linq;
using CollectIq.Domain.Calls;
using CollectIq.Outreach.Audit;
using CollectIq.Outreach.Voicemail;
using CollectIq.Telephony.Twilio;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CollectIq.Outreach.Tests.Voicemail;

public class VoicemailTests
{
    private sealed class RecordingRecorder : ICallRecorder
    {
        public List<(int CallId, string Type, string? Detail)> Events { get; } = [];
        public List<(int CallId, CallOutcome Outcome)> Outcomes { get; } = [];
        public Task RecordEventAsync(int callId, string type, string? detail, CancellationToken ct = default) { Events.Add((callId, type, detail)); return Task.CompletedTask; }
        public Task SetOutcomeAsync(int callId, CallOutcome outcome, string? detailJson, CancellationToken ct = default) { Outcomes.Add((callId, outcome)); return Task.CompletedTask; }
        public Task AppendTurnAsync(int callId, TranscriptTurn turn, CancellationToken ct = default) => throw new NotSupportedException();
        public Task MarkTurnInterruptedAsync(int callId, long turnId, string heardText, CancellationToken ct = default) => throw new NotSupportedException();
        public Task AttachStreamAsync(int callId, string streamSid, string callSid, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<bool> AdvanceStatusAsync(int callId, string status, string source, CallStatusDetails? details = null, CancellationToken ct = default) => throw new NotSupportedException();
    }

    private static VoicemailResponder Responder(RecordingRecorder recorder, InMemoryAuditLog audit, OutreachOptions? options = null) => new(
        recorder, audit, Options.Create(options ?? new OutreachOptions()), Options.Create(new TwilioOptions { PhoneNumber = "+14155550123" }),
        new FakeTimeProvider(), NullLogger<VoicemailResponder>.Instance);

    [Fact]
    public void Message_LimitedContent_NamesCompanyPersonNumberAndAsksForCallBack()
    {
        var message = new VoicemailMessage("CIQ Customer Care", "Alex", "+14155550123");
        Assert.Equal("Hello, this is Alex from CIQ Customer Care. Please call us back at 4 1 5, 5 5 5, 0 1 2 3. Again, that number is 4 1 5, 5 5 5, 0 1 2 3. Thank you, goodbye.", message.Text);
        Assert.False(VoicemailMessage.RevealsCollection(message.Text));
    }

    [Theory]
    [InlineData("Acme Collections")]
    [InlineData("Debt Recovery Partners")]
    [InlineData("Overdue Invoice Desk")]
    public void RevealsCollection_CollectionWording_Detected(string name) => Assert.True(VoicemailMessage.RevealsCollection(name));

    [Theory]
    [InlineData("machine_start", true)]
    [InlineData("machine_end_beep", true)]
    [InlineData("machine_end_silence", true)]
    [InlineData("machine_end_other", true)]
    [InlineData("fax", true)]
    [InlineData("human", false)]
    [InlineData("unknown", false)]
    [InlineData(null, false)]
    public void IsMachine_TwilioValues(string? answeredBy, bool machine) => Assert.Equal(machine, AnsweredBy.IsMachine(answeredBy));

    [Fact]
    public void Twiml_SayThenHangup_EscapesText()
    {
        var xml = XDocument.Parse(VoicemailTwiml.Build(new VoicemailMessage("A & B Services", "Alex", "+14155550123")));
        var say = xml.Root!.Element("Say")!;
        Assert.Contains("A & B Services", say.Value);
        Assert.NotNull(xml.Root.Element("Hangup"));
        var play = XDocument.Parse(VoicemailTwiml.Build(new VoicemailMessage("X", "Alex", "+14155550123"), new Uri("https://example.test/vm/1.wav")));
        Assert.Equal("https://example.test/vm/1.wav", play.Root!.Element("Play")!.Value);
    }

    [Fact]
    public async Task Respond_Machine_RecordsVoicemailOutcomeAuditAndReturnsTwiml()
    {
        var recorder = new RecordingRecorder();
        var audit = new InMemoryAuditLog();
        var twiml = await Responder(recorder, audit).RespondAsync(42, 7, "machine_end_beep");
        Assert.NotNull(twiml);
        Assert.Contains("4 1 5, 5 5 5, 0 1 2 3", twiml);
        Assert.Equal([(42, CallOutcome.Voicemail)], recorder.Outcomes);
        Assert.Single(recorder.Events, e => e.Type == "voicemail");
        var entry = Assert.Single(await audit.ReadAsync(7, 10));
        Assert.Equal((AuditActions.Voicemail, 42), (entry.Action, entry.CallId));
        Assert.DoesNotContain("owe", twiml, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Respond_Human_NothingRecorded()
    {
        var recorder = new RecordingRecorder();
        Assert.Null(await Responder(recorder, new InMemoryAuditLog()).RespondAsync(42, 7, "human"));
        Assert.Empty(recorder.Outcomes);
    }
}
