namespace CollectIq.Agent.Understanding;

/// <summary>
/// The phrase rules. Each intent lists strong phrases (unambiguous on their own: weight 1.0) and
/// weak ones (a keyword that usually means it: weight 0.7). Phrases match whole words. Order of
/// <see cref="Ordered"/> is priority: opt-out and dispute win over a promise in the same sentence
/// ("I'm not paying, this is wrong" is a dispute, "stop calling, I'll pay" is an opt-out).
/// </summary>
internal static class IntentRules
{
    internal sealed record Rule(Intent Intent, string[] Strong, string[] Weak);

    internal static readonly Rule[] Ordered =
    [
        new(Intent.OptOut,
            ["stop calling", "don't call", "do not call", "dont call", "never call", "quit calling", "stop contacting",
             "remove me", "remove my number", "take me off", "take my number off", "leave me alone", "stop these calls",
             "no more calls", "cease", "opt out", "unsubscribe", "stop harassing"],
            []),
        new(Intent.Dispute,
            ["dispute", "not mine", "don't owe", "do not owe", "dont owe", "never received", "never got the", "wrong amount",
             "not correct", "isn't correct", "is incorrect", "that's wrong", "that is wrong", "never ordered", "overcharged",
             "already returned", "i disagree", "not my bill", "not my invoice", "billing error", "mistake"],
            ["incorrect", "wrong", "disagree", "returned"]),
        new(Intent.AlreadyPaid,
            ["already paid", "i paid", "we paid", "paid it", "paid that", "paid this", "paid them", "have paid", "paid already",
             "sent the payment", "sent a payment", "sent payment", "sent a check", "mailed a check", "mailed the check",
             "payment was sent", "payment went out", "already sent", "paid last", "paid yesterday", "paid in full"],
            ["paid"]),
        new(Intent.PaymentLink,
            ["payment link", "send me a link", "send a link", "send me the link", "text me a link", "text me the link",
             "email me a link", "pay online", "text me", "send it by text", "link"],
            ["online", "website"]),
        new(Intent.Callback,
            ["call me back", "call back", "call me later", "call later", "call me tomorrow", "call tomorrow", "call another time",
             "bad time", "not a good time", "busy right now", "can't talk", "cannot talk", "call me next", "call me on",
             "call me at", "driving right now", "in a meeting"],
            ["busy", "later"]),
        new(Intent.PromiseToPay,
            ["i will pay", "i'll pay", "ill pay", "i can pay", "i could pay", "we will pay", "we'll pay", "we can pay", "i can do",
             "i'll send", "i will send", "we'll send", "make a payment", "pay today", "pay now", "pay it today", "pay in full",
             "pay the full", "pay the whole", "pay all", "going to pay", "gonna pay", "i'm paying", "i am paying", "pay you",
             "pay it", "pay that", "pay on", "pay by", "pay the", "i can make", "i'll make", "i will make", "i'll have it",
             "i'll take care", "i can afford", "pay part", "pay some", "pay half"],
            ["pay", "payment"]),
        new(Intent.DontKnow,
            ["can't pay", "cannot pay", "can not pay", "won't pay", "not paying", "unable to pay", "not going to pay", "can't afford",
             "cannot afford", "don't have the money", "don't have it", "don't know", "dont know", "do not know", "not sure", "no idea", "have to check", "need to check", "i'll see", "can't say"],
            ["maybe", "dunno"]),
        new(Intent.WhoIsCalling,
            ["who is this", "who's this", "who is calling", "who's calling", "what is this about", "what's this about",
             "what is this regarding", "what's this regarding", "who are you", "what company"],
            []),
        new(Intent.Repeat,
            ["repeat", "say that again", "say again", "come again", "what did you say", "pardon", "didn't hear", "didn't catch", "sorry what"],
            []),
        new(Intent.WrongParty,
            ["wrong number", "not here", "isn't here", "is not here", "not available", "not me", "no one by that name",
             "nobody by that name", "doesn't live here", "does not live here", "you have the wrong", "this isn't", "this is not",
             "no longer", "passed away", "not home", "isn't home", "out right now", "can i take a message", "can take a message"],
            []),
        new(Intent.RightParty,
            ["speaking", "this is he", "this is she", "this is him", "this is her", "that's me", "that is me", "it's me",
             "it is me", "you are", "yes it is", "this is", "i am", "yes i am", "you got him", "you got her", "you've got"],
            []),
        new(Intent.No,
            ["no", "nope", "nah", "not right", "that's not right", "that is not right", "not quite", "negative", "change it", "wrong"],
            []),
        new(Intent.Yes,
            ["yes", "yeah", "yep", "yup", "correct", "right", "that's right", "that is right", "sure", "ok", "okay", "uh huh",
             "absolutely", "exactly", "affirmative", "sounds good", "that's correct", "yes please", "please do", "go ahead", "fine"],
            []),
    ];

    /// <summary>
    /// "Please wait" phrases: not an answer and not a failure. They win over every rule except
    /// opt-out, so a "hold on a second" (heard as "pay on the second") never becomes a promise.
    /// </summary>
    internal static readonly string[] Hold =
    [
        "hold on", "hang on", "one second", "one sec", "a second", "just a second", "just a minute", "one moment", "a moment",
        "wait a minute", "wait a second", "give me a", "let me get", "let me find", "let me grab",
    ];

    /// <summary>Sentences about someone else handling it: never a promise or a dispute; the dialog re-asks.</summary>
    internal static readonly string[] NotAnAnswer =
    [
        "my wife", "my husband", "my partner", "my accountant", "my bookkeeper", "my son", "my daughter",
        "handles the bills", "handles that", "takes care of the bills", "does the bills", "pays the bills",
    ];
}
