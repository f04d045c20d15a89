using CollectIq.Domain.Calls;
using CollectIq.Domain.Dunning;
using CollectIq.Outreach.Outcomes;
using CollectIq.Outreach.Reconciliation;
using CollectIq.Outreach.Audit;
using CollectIq.Outreach.Dialing;
using CollectIq.Outreach.Dialing.Guards;
using CollectIq.Outreach.Persistence;
using CollectIq.Outreach.Voicemail;
using CollectIq.Outreach.Compliance;
using CollectIq.Outreach.Planning;
using CollectIq.Outreach.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace CollectIq.Outreach;

public static class OutreachServiceCollectionExtensions
{
    /// <summary>
    /// Registers the dialing policy, the planner, the Quartz scheduler on its persistent store (SQLite, or clustered
    /// PostgreSQL when the connection string says Host=) with the recurring pass, and the operator surface.
    /// Also registers the "Send Outreach" <see cref="OutreachService"/> with its guards plus <see cref="DialingPolicyGuard"/>,
    /// and binds <see cref="IOutreachCandidateSource"/>, <see cref="IAuditLog"/> and <see cref="IOutreachDialer"/> to the
    /// database and that service unless registered before. Needs <c>AddCollectIqData</c> and the Twilio client.
    /// </summary>
    public static IServiceCollection AddCollectIqOutreach(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(OutreachOptions.SectionName);
        var options = section.Get<OutreachOptions>() ?? new OutreachOptions();
        // One connection string for the scheduler: its own setting, else the app's when that is PostgreSQL (so a
        // cluster shares one database), else a SQLite file of its own.
        // The SQLite file lives in the data folder beside the app's database, never in whatever directory we started
        // from: two instances (or two test hosts) must not share a non-clustered job store by accident.
        if (section.GetSection("Scheduler:ConnectionString").Value is null)
        {
            var database = CollectIq.Data.DatabaseSettings.FromConfiguration(configuration);
            options.Scheduler.ConnectionString = database.Provider == CollectIq.Data.Providers.DatabaseProvider.Postgres
                ? database.ConnectionString
                : $"Data Source={Path.Combine(database.DataDirectory, "collectiq-scheduler.db")}";
        }

        services.AddOptions<OutreachOptions>()
            .Bind(section)
            .PostConfigure(o => o.Scheduler.ConnectionString = options.Scheduler.ConnectionString)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<OutreachOptions>, OutreachOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddOutreachClock();
        // The seams, bound to the application database and the "Send Outreach" path unless the host (or a test)
        // registered its own first.
        services.TryAddSingleton<IAuditLog, DbAuditLog>();
        services.TryAddSingleton<IOutreachCandidateSource, DbOutreachCandidateSource>();
        services.TryAddSingleton<IOutreachDialer, OutreachServiceDialer>();
        Dialing.OutreachServiceCollectionExtensions.AddCollectIqOutreach(services);
        if (options.CheckManualCalls) services.AddOutreachGuard<DialingPolicyGuard>();
        if (!options.ParsedCallingStages().SequenceEqual([DunningStage.Stage3]))
        {
            // The base STAGE_3-only guard would contradict configured calling stages; the policy's stage rule decides.
            var stage3 = services.Where(d => d.ServiceType == typeof(IOutreachGuard) && d.ImplementationType == typeof(Stage3Guard)).ToList();
            foreach (var d in stage3) services.Remove(d);
        }
        services.TryAddSingleton<VoicemailResponder>();
        services.TryAddSingleton<ICallbackScheduler, QuartzCallbackScheduler>();
        services.TryAddSingleton<OutcomeEffects>();
        services.TryAddSingleton<OutcomeReview>();
        services.TryAddSingleton<StaleCallReconciler>();
        DecorateCallRecorderWithOutcomeEffects(services);
        services.TryAddSingleton(sp => DialingPolicy.CreateDefault(sp.GetRequiredService<IOptions<OutreachOptions>>().Value));
        services.TryAddSingleton(sp => new OutreachPlanner(sp.GetRequiredService<IOptions<OutreachOptions>>().Value, sp.GetRequiredService<DialingPolicy>()));
        services.TryAddSingleton<SkipAuditFilter>();
        services.TryAddSingleton<DialGate>();
        services.TryAddSingleton<OutreachControl>();

        // Registered before Quartz's hosted service: it prepares the store and, on PostgreSQL, serializes the
        // start-up (schema provisioning) of instances booting at the same moment.
        services.AddSingleton(options.Scheduler);
        services.AddHostedService<JobStoreStartupGuard>();
        services.AddQuartz(q => ConfigureQuartz(q, options));
        services.AddQuartzHostedService(h => h.WaitForJobsToComplete = true);
        return services;
    }

    /// <summary>
    /// Wraps the registered <see cref="ICallRecorder"/> (the data layer's, or a decorator registered before) so every
    /// recorded outcome takes effect on the payer's record, whoever records it (agent, keypress menu, voicemail).
    /// </summary>
    private static void DecorateCallRecorderWithOutcomeEffects(IServiceCollection services)
    {
        var original = services.LastOrDefault(d => d.ServiceType == typeof(ICallRecorder));
        if (original is null || original.ImplementationType == typeof(OutcomeEffectsCallRecorder)) return;
        services.Remove(original);
        services.AddSingleton<ICallRecorder>(sp => new OutcomeEffectsCallRecorder(
            original.ImplementationInstance as ICallRecorder
                ?? original.ImplementationFactory?.Invoke(sp) as ICallRecorder
                ?? (ICallRecorder)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!),
            sp.GetRequiredService<OutcomeEffects>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<OutcomeEffectsCallRecorder>>()));
    }

    private static void ConfigureQuartz(IQuartzBuilder q, OutreachOptions options)
    {
        var store = options.Scheduler;
        q.ConfigureScheduler(s =>
        {
            s.InstanceName = store.SchedulerName;
            if (store.InstanceId == "AUTO") s.GenerateInstanceId = true; else s.InstanceId = store.InstanceId;
        });
        q.UseDefaultThreadPool(store.MaxConcurrency);
        // Triggers fire on the wall clock; decisions (calling window, caps) use the app's TimeProvider. Quartz would
        // otherwise take the registered TimeProvider, and a test's fixed FakeTimeProvider would freeze every trigger.
        q.UseTimeProvider(TimeProvider.System);
        q.UsePersistentStore(p =>
        {
            if (store.IsPostgres)
            {
                p.UsePostgres(store.ConnectionString);
                p.UseClustering(c =>
                {
                    c.CheckinInterval = store.ClusterCheckinInterval;
                    c.CheckinMisfireThreshold = store.ClusterCheckinInterval * 2;
                });
            }
            else
            {
                p.UseSqlite(store.ConnectionString);
            }
            // Quartz 4.7 creates exactly the tables its version needs (and never alters or drops any).
            p.ProvisionSchema();
            p.UseSystemTextJsonSerializer();
        });

        q.AddJob<OutcomeReviewJob>(j => j.WithIdentity(OutcomeReviewJob.Key).StoreDurably());
        q.AddTrigger(t => t
            .ForJob(OutcomeReviewJob.Key)
            .WithIdentity(OutcomeReviewJob.Trigger)
            .StartNow()
            .WithSimpleSchedule(s => s.WithInterval(options.Outcomes.ReviewInterval).RepeatForever()
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        if (options.Reconciler.Enabled)
        {
            q.AddJob<StaleCallReconcilerJob>(j => j.WithIdentity(StaleCallReconcilerJob.Key).StoreDurably());
            q.AddTrigger(t => t
                .ForJob(StaleCallReconcilerJob.Key)
                .WithIdentity(StaleCallReconcilerJob.Trigger)
                .StartNow()
                .WithSimpleSchedule(s => s.WithInterval(options.Reconciler.Interval).RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        }

        q.AddJob<OutreachPassJob>(j => j.WithIdentity(OutreachJobKeys.PassJob).StoreDurably());
        q.AddTrigger(t => t
            .ForJob(OutreachJobKeys.PassJob)
            .WithIdentity(OutreachJobKeys.PassTrigger)
            .StartNow()
            .WithSimpleSchedule(s => s.WithInterval(options.PassInterval).RepeatForever()
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
    }
}

/// <summary>Start-up validation that lists every problem in one message.</summary>
internal sealed class OutreachOptionsValidator : IValidateOptions<OutreachOptions>
{
    public ValidateOptionsResult Validate(string? name, OutreachOptions options)
    {
        var errors = options.Validate().ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
