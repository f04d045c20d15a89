namespace CollectIq.Web.Doctor;

/// <summary>One doctor check: what was tried, whether it worked, and what to do about it.</summary>
public sealed record DoctorCheck(string Name, bool Passed, string Detail, string? Fix = null);
