namespace CollectIq.Speech;

/// <summary>Where model files live: $COLLECTIQ_MODELS, else .cache/models in the working directory or any parent.</summary>
public static class SpeechPaths
{
    public const string ModelsVariable = "COLLECTIQ_MODELS";

    public static string ModelsDirectory()
    {
        var configured = Environment.GetEnvironmentVariable(ModelsVariable);
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ".cache", "models");
            if (Directory.Exists(candidate)) return candidate;
        }
        return Path.Combine(Directory.GetCurrentDirectory(), ".cache", "models");
    }

    public static string SileroModel(string? modelsDirectory = null) => Path.Combine(modelsDirectory ?? ModelsDirectory(), "silero_vad_v5.onnx");
}
