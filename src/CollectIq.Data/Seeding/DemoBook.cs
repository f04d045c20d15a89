using CollectIq.Domain.Payers;

namespace CollectIq.Data.Seeding;

/// <summary>
/// A realistic demo book: 25 companies in US, Canadian and UK zones, across STAGE_1..3 and paid-up.
/// Numbers are from ranges reserved for fiction (NANP 555-01xx, Ofcom's drama ranges) and pass libphonenumber.
/// Dates are relative to "today", so the stages hold whenever the demo starts.
/// </summary>
public static class DemoBook
{
    /// <summary>One demo payer: <paramref name="OldestDaysPastDue"/> ≤ 0 means paid-up (nothing overdue).</summary>
    public sealed record Entry(string Name, string Contact, string Phone, string? TimeZone, string Currency, int OldestDaysPastDue, decimal[] Amounts, string Language = "en");

    public static readonly IReadOnlyList<Entry> Entries =
    [
        // STAGE_3 (61+ days past due)
        new("Harbor Freightways LLC", "Dana Whitfield", "+12125550143", "America/New_York", "USD", 94, [12_480.00m, 3_215.50m]),
        new("Cascade Dental Group", "Marcus Bell", "+12065550117", "America/Los_Angeles", "USD", 71, [4_870.25m]),
        new("Prairie Grain Cooperative", "Ellen Sato", "+13125550188", "America/Chicago", "USD", 123, [28_300.00m, 9_950.00m, 1_120.40m]),
        new("Maple Leaf Interiors Inc.", "Jean-Luc Tremblay", "+14165550162", "America/Toronto", "CAD", 66, [6_742.10m], "fr"),
        new("Kensington Print Works Ltd", "Olivia Hart", "+442079460123", "Europe/London", "GBP", 88, [2_310.00m, 845.75m]),
        new("Aloha Surf Supply", "Keoni Kahale", "+18085550134", "Pacific/Honolulu", "USD", 62, [1_975.00m]),
        new("Desert Bloom Landscaping", "Rosa Delgado", "+16025550191", null, "USD", 140, [15_600.00m]),
        // STAGE_2 (31-60)
        new("Blue Ridge Outfitters", "Caleb Monroe", "+14045550126", "America/New_York", "USD", 45, [3_480.60m, 1_200.00m]),
        new("Summit Peak Realty", "Natalie Greer", "+13035550172", "America/Denver", "USD", 38, [7_925.00m]),
        new("Northern Lights Logistics", "Erik Lindqvist", "+19075550158", "America/Anchorage", "USD", 57, [11_240.80m]),
        new("Pacific Rim Imports Ltd.", "Grace Chen", "+16045550149", "America/Vancouver", "CAD", 33, [5_610.00m, 2_045.35m]),
        new("Mersey Marine Services", "Tom Riley", "+441614960321", "Europe/London", "GBP", 50, [9_870.00m]),
        new("Lone Star BBQ Catering", "Hank Dawson", "+12145550183", null, "USD", 41, [2_650.00m]),
        // STAGE_1 (1-30)
        new("Beacon Hill Law Partners", "Priya Raman", "+16175550137", "America/New_York", "USD", 12, [18_500.00m]),
        new("Evergreen Pediatrics", "Samuel Ortiz", "+15035550164", "America/Los_Angeles", "USD", 5, [1_340.00m, 620.00m]),
        new("Bayou Coffee Roasters", "Claire Fontenot", "+15045550119", "America/Chicago", "USD", 27, [3_890.45m]),
        new("Atlantic Fisheries Co-op", "Moira MacLeod", "+19025550171", "America/Halifax", "CAD", 19, [8_420.00m]),
        new("Thames Valley Joinery", "Harriet Cole", "+442079460456", "Europe/London", "GBP", 9, [1_150.00m]),
        new("Sunshine State Pool Care", "Luis Ferrer", "+13055550128", null, "USD", 2, [480.00m]),
        new("Red Rock Dental Lab", "Amy Tso", "+17025550145", "America/Los_Angeles", "USD", 23, [5_275.90m, 1_880.00m]),
        // Paid-up (nothing past due)
        new("Granite State Brewing", "Owen Pike", "+16035550152", "America/New_York", "USD", 0, [2_200.00m]),
        new("Great Lakes Tooling", "Frank Kowalski", "+13135550186", "America/Detroit", "USD", -10, [14_900.00m]),
        new("Rocky Mountain Yoga", "Maya Brooks", "+17205550113", "America/Denver", "USD", 0, [390.00m]),
        new("Cotswold Tea Rooms", "Alice Pembroke", "+441214960789", "Europe/London", "GBP", -5, [760.00m]),
        new("Okanagan Orchards", "Ravi Gill", "+12505550197", "America/Vancouver", "CAD", 0, [4_300.00m]),
    ];

    /// <summary>Builds the payers as of <paramref name="today"/> (UTC date is close enough: stages are at least a day inside their band).</summary>
    public static List<Payer> Build(DateOnly today, DateTimeOffset createdAt)
    {
        var payers = new List<Payer>();
        var invoiceNumber = 10_400;
        foreach (var entry in Entries)
        {
            var payer = new Payer
            {
                Name = entry.Name,
                ContactName = entry.Contact,
                ContactPhone = entry.Phone,
                TimeZone = entry.TimeZone,
                Language = entry.Language,
                CreatedAt = createdAt,
            };
            for (var i = 0; i < entry.Amounts.Length; i++)
            {
                // The first invoice is the oldest; later ones fall due a month apart after it.
                var daysPastDue = entry.OldestDaysPastDue - 30 * i;
                var due = today.AddDays(-daysPastDue);
                var amount = entry.Amounts[i];
                var paidUp = entry.OldestDaysPastDue == 0;
                payer.Invoices.Add(new Invoice
                {
                    Number = $"INV-{invoiceNumber++}",
                    Amount = amount,
                    // Paid-up payers have settled; a payer with several invoices has paid part of the newest.
                    OpenAmount = paidUp ? 0m : i > 0 && i == entry.Amounts.Length - 1 ? decimal.Round(amount / 2, 2) : amount,
                    Currency = entry.Currency,
                    DueDate = due,
                    IssueDate = due.AddDays(-30),
                });
            }
            payers.Add(payer);
        }
        return payers;
    }
}
