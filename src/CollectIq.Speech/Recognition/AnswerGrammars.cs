namespace CollectIq.Speech.Recognition;

/// <summary>
/// JSGF grammars per <see cref="ExpectedAnswer"/> for the 8 kHz phone band. A grammar forces any audio
/// into its sentences; rejection of out-of-domain speech is done by the recognizer comparing the
/// grammar path with an unconstrained phone loop (see PocketSphinxSpeechToText), not here.
/// </summary>
public static class AnswerGrammars
{
    private const string Numbers = """
        <digit> = one | two | three | four | five | six | seven | eight | nine;
        <teen> = ten | eleven | twelve | thirteen | fourteen | fifteen | sixteen | seventeen | eighteen | nineteen;
        <tens> = twenty | thirty | forty | fifty | sixty | seventy | eighty | ninety;
        <under100> = <digit> | <teen> | <tens> [<digit>];
        <under1000> = <under100> | (a | one | <digit>) hundred [and] [<under100>];
        <number> = <under1000> | <under1000> thousand [<under1000>] | <digit> (<teen> | <tens> [<digit>]);
        <amount> = <number> [dollars | bucks] [and <under100> cents] | <number> dollars and <under100> cents | the (full | whole) amount | all of it | half;
        """;

    private const string Dates = """
        <month> = january | february | march | april | may | june | july | august | september | october | november | december;
        <ordinal> = first | second | third | fourth | fifth | sixth | seventh | eighth | ninth | tenth | eleventh | twelfth
            | thirteenth | fourteenth | fifteenth | sixteenth | seventeenth | eighteenth | nineteenth | twentieth
            | twenty (first | second | third | fourth | fifth | sixth | seventh | eighth | ninth) | thirtieth | thirty first;
        <weekday> = monday | tuesday | wednesday | thursday | friday | saturday | sunday;
        <date> = <month> <ordinal> | [the] <ordinal> [of <month>] | [next | this] <weekday> | today | tomorrow | next week
            | [at] [the] end of (the | this) month | next month | in (two | three) weeks | [on] payday;
        """;

    private const string YesNo = """
        <yes> = (yes | yeah | yep | sure | correct | right | okay | of course) [that's right | that is right | that's correct | it is | i do | please]
            | that's right | that is right | that's correct;
        <no> = no | nope | not really | no it isn't | that's wrong | that's not right | no thanks | no i don't;
        <yesno> = <yes> | <no>;
        """;

    private const string Identity = """
        <self> = this is (he | she | him | her | me) | speaking | it's me | that's me | you got (him | her) | yes it is;
        <identity> = [yes | yeah] <self> | (wrong number | you have the wrong number | there's no one here by that name)
            | (he's | she's) not (here | home | available) | who is (this | calling) | yes | yeah | no;
        """;

    private const string Intents = """
        <when> = [on | by] <date>;
        <pay> = pay | send | make a payment of | pay you;
        <intent> = <paynow> | <promise> | <paid> | <dispute> | <callback> | <stop> | <link> | <cannot>;
        <paynow> = i (can | want to | would like to | will) pay [it] (now | today | right now) | [i can] pay [it] now | let's pay now | i'll pay [it] (now | today) | i want to pay [the balance] today;
        <promise> = i (can | will | could) <pay> [<amount>] <when> | i'll <pay> [<amount>] <when> | <money> <when> | <when> i (can | will) pay [<amount>];
        <money> = <number> (dollars | bucks) [and <under100> cents] | the (full | whole) amount | all of it;
        <paid> = i [already] paid [it | that] [already | last week | yesterday] | it's (been paid | paid) | i sent the payment [already | last week] | i already sent [it | the payment];
        <dispute> = i don't owe (that | this | you anything) | that's not my (bill | invoice) | i dispute (this | that) [charge | bill] | the amount is wrong | i never got (the | that) (invoice | bill) | that's not right;
        <callback> = [can you | please] call me (back | later | back later | tomorrow) | this is not a good time | i'm busy [right now] | call back later;
        <stop> = stop calling [me] | don't call me again | take me off your list | do not call me;
        <link> = [can you | please] (send | text | email) me (a | the) (link | invoice | bill) | send me a payment link;
        <cannot> = i can't pay [right now | anything | that] | i don't have the money | i lost my job;
        """;

    /// <summary>Every word the grammars can produce (for a small decoder dictionary).</summary>
    public static IReadOnlySet<string> Words(IEnumerable<string> grammars)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var g in grammars)
        foreach (var line in g.Split('\n').Where(l => !l.TrimStart().StartsWith('#') && !l.TrimStart().StartsWith("grammar ")))
        {
            var body = line.Contains('=') ? line[(line.IndexOf('=') + 1)..] : line;
            body = System.Text.RegularExpressions.Regex.Replace(body, "<[^>]*>|/[^/]*/", " ");
            foreach (var token in body.Split([' ', '|', '(', ')', '[', ']', ';', '*', '+', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries))
                if (token.All(c => char.IsLower(c) || c == '\'')) words.Add(token);
        }
        return words;
    }

    /// <summary>The JSGF text for one expected answer.</summary>
    public static string For(ExpectedAnswer expected)
    {
        var (rules, top) = expected switch
        {
            ExpectedAnswer.YesNo => (YesNo, "<yesno>"),
            ExpectedAnswer.Identity => (Identity, "<identity>"),
            ExpectedAnswer.Amount => (Numbers, "[i can pay | i can do | about] <amount> [now | today]"),
            ExpectedAnswer.Date => (Dates, "[i can pay | i'll pay] [on | by] <date>"),
            ExpectedAnswer.Intent => (Numbers + Dates + Intents, "<intent>"),
            _ => (Numbers + Dates + YesNo + Intents + Identity.Replace("| yes | yeah | no;", ";"), "<intent> | <yesno> | <identity> | <amount> | <date>"),
        };
        return $"""
            #JSGF V1.0;
            grammar {expected.ToString().ToLowerInvariant()};
            {rules}
            public <utterance> = {top};
            """;
    }
}
