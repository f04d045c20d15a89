using CollectIq.Web.Cli;

// `CollectIq.Web` alone or `serve` runs the service; other verbs are CLI commands (see Cli/).
// A .env next to where we start fills in settings not already in the environment.
DotNetEnv.Env.NoClobber().Load();
return await CollectIqCli.Create().Parse(args).InvokeAsync();
