namespace Fireside.Language.Tests;

/// <summary>Each family in the taxonomy, with its inflections and look-alikes, beyond the dev set's lines.</summary>
public sealed class RuleFamilyTests
{
    private static readonly LanguageCoach Coach = new();

    private static string Found(string sentence) =>
        string.Join(",", Coach.Check(sentence).Select(f => f.Category.Name()).Distinct().Order(StringComparer.Ordinal));

    [Theory]
    [InlineData("They should have rolled back sooner.")]
    [InlineData("We shouldn't have merged on a Friday.")]
    [InlineData("Priya could've caught it in review.")]
    [InlineData("The team ought not to have disabled the alert.")]
    [InlineData("He ought to have asked first.")]
    [InlineData("We would have avoided the page entirely.")]
    [InlineData("We might have saved an hour.")]
    [InlineData("You should’ve waited for the canary.")]
    [InlineData("They would never have noticed without the graph.")]
    [InlineData("We'd have caught it with a staging run.")]
    [InlineData("If only someone had looked at the dashboard.")]
    [InlineData("If the on-call had escalated, we would have recovered sooner.")]
    [InlineData("Had we waited another minute, the cache would have warmed up.")]
    [InlineData("Had they read the runbook, the failover would have worked.")]
    [InlineData("The SRE failed to notice the disk alarm.")]
    [InlineData("Our operators neglected the certificate renewal.")]
    [InlineData("Jordan forgot to update the DNS record.")]
    [InlineData("The developers ignored the flaky test.")]
    [InlineData("Support overlooked the customer's report.")]
    [InlineData("Nobody bothered to read the changelog.")]
    [InlineData("The reviewer didn't bother to run the tests.")]
    [InlineData("The warning was ignored for weeks.")]
    [InlineData("I wish we had tested the restore.")]
    public void Counterfactual_Family_IsNoticed(string sentence) =>
        Assert.Contains("counterfactual", Found(sentence));

    [Theory]
    [InlineData("The deploy failed to complete.")]
    [InlineData("The health check failed to detect the hung thread.")]
    [InlineData("Kubernetes could not schedule the pods.")]
    [InlineData("Kubernetes failed to schedule the pods.")]
    [InlineData("The alert should page within 5 minutes.")]
    [InlineData("The plan said engineers should verify the canary.")]
    [InlineData("We have three replicas.")]
    [InlineData("The script would retry three times before giving up.")]
    [InlineData("The spike could have come from the batch job.")]
    [InlineData("The cache might have been cold.")]
    [InlineData("The job must have run twice.")]
    [InlineData("Every team should have a runbook for this.")]
    [InlineData("The load balancer ignored the health check results.")]
    [InlineData("We had two on-call engineers that week.")]
    [InlineData("The queue would have to drain before the restart.")]
    public void Counterfactual_LookAlikes_StayQuiet(string sentence) =>
        Assert.DoesNotContain("counterfactual", Found(sentence));

    [Theory]
    [InlineData("We are still root-causing the latency.")]
    [InlineData("The root causes were a bad config and a slow disk.")]
    [InlineData("Our RCA is due on Friday.")]
    [InlineData("The main cause was the retry storm.")]
    [InlineData("The real cause turned out to be DNS.")]
    [InlineData("The cause of the outage was a full disk.")]
    [InlineData("Let's run a five whys on this.")]
    [InlineData("They did a root cause analysis.")]
    public void RootCause_Family_IsNoticed(string sentence) =>
        Assert.Contains("root-cause", Found(sentence));

    [Theory]
    [InlineData("The root volume filled up.")]
    [InlineData("The script runs as the root user.")]
    [InlineData("The contributing factors included a slow disk.")]
    [InlineData("We drew a cause-and-effect diagram.")]
    [InlineData("The new index caused the slowdown.")]
    public void RootCause_LookAlikes_StayQuiet(string sentence) =>
        Assert.DoesNotContain("root-cause", Found(sentence));

    [Theory]
    [InlineData("This was operator error.")]
    [InlineData("It was a clear case of user error.")]
    [InlineData("The change was reckless.")]
    [InlineData("That was a rookie mistake.")]
    [InlineData("It's the database team's fault.")]
    [InlineData("Nobody is to blame, but Alex was at fault.")]
    [InlineData("Management blamed the vendor.")]
    [InlineData("Alex made a serious mistake with the flag.")]
    [InlineData("The intern screwed up the migration.")]
    [InlineData("Ops dropped the ball on the renewal.")]
    [InlineData("The engineer was fired the next week.")]
    [InlineData("Someone needs to be held accountable.")]
    [InlineData("Sam was reprimanded.")]
    public void Blame_Family_IsNoticed(string sentence) =>
        Assert.Contains("blame", Found(sentence));

    [Theory]
    [InlineData("We run fault injection every week.")]
    [InlineData("Fault tolerance is a design goal.")]
    [InlineData("The process hit a segmentation fault.")]
    [InlineData("The error rate climbed to 4%.")]
    [InlineData("The API returned 500 errors.")]
    [InlineData("The worker exited with an error.")]
    [InlineData("Alex restarted the database at 09:14.")]
    [InlineData("The alert was fired by Alertmanager at 10:02.")]
    [InlineData("We practise blame-aware reviews.")]
    public void Blame_LookAlikes_StayQuiet(string sentence) =>
        Assert.DoesNotContain("blame", Found(sentence));

    [Theory]
    [InlineData("Obviously, the cache was stale.")]
    [InlineData("It was plain to see that the disk was filling.")]
    [InlineData("It was easy to see the leak on the graph.")]
    [InlineData("Predictably, the retry storm followed.")]
    [InlineData("With the benefit of hindsight, the canary was too small.")]
    [InlineData("Looking back, we moved too fast.")]
    [InlineData("As we all know, DNS is fragile.")]
    [InlineData("Everybody knows not to deploy on Fridays.")]
    [InlineData("Any reasonable person would have waited.")]
    [InlineData("The team must have known about the limit.")]
    [InlineData("They should've known better.")]
    public void Hindsight_Family_IsNoticed(string sentence) =>
        Assert.Contains("hindsight", Found(sentence));

    [Theory]
    [InlineData("The switch was clearly labelled \"primary\".")]
    [InlineData("We looked back at the logs for the first error.")]
    [InlineData("Looking back through the history, we found the commit.")]
    [InlineData("It was not obvious at the time.")]
    [InlineData("We could clearly see the spike on the graph.")]
    [InlineData("Hindsight bias makes past choices look worse than they were.")]
    public void Hindsight_LookAlikes_StayQuiet(string sentence) =>
        Assert.DoesNotContain("hindsight", Found(sentence));

    [Theory]
    [InlineData("We just restarted it.")]
    [InlineData("You simply flip the flag.")]
    [InlineData("They merely rotated the key.")]
    [InlineData("We only needed to clear the cache.")]
    [InlineData("All you had to do was revert.")]
    [InlineData("The rollback was trivial.")]
    [InlineData("It could easily be fixed.")]
    [InlineData("It was a simple matter of raising the limit.")]
    [InlineData("It was just a config change.")]
    public void Minimizing_Family_IsNoticed(string sentence) =>
        Assert.Contains("minimizing", Found(sentence));

    [Theory]
    [InlineData("The cache had just been flushed.")]
    [InlineData("The alert fired just before midnight.")]
    [InlineData("The just-in-time compiler crashed.")]
    [InlineData("We follow a just culture.")]
    [InlineData("Can you justify the timeout?")]
    [InlineData("We adjusted the limit.")]
    [InlineData("Logs are stored in Amazon Simple Storage Service.")]
    [InlineData("It was not easy to find the right log.")]
    [InlineData("Only two people were on call.")]
    [InlineData("The error rate stayed just under 5% for an hour.")]
    [InlineData("The column points just past the last character.")]
    public void Minimizing_LookAlikes_StayQuiet(string sentence) =>
        Assert.DoesNotContain("minimizing", Found(sentence));

    [Theory]
    [InlineData("Any reasonable person would have paused the rollout.", "counterfactual,hindsight")]
    [InlineData("They could've simply paged the DBA.", "counterfactual,minimizing")]
    [InlineData("The root cause was operator error.", "blame,root-cause")]
    public void OneSentence_CanCarrySeveralCategories(string sentence, string expected) =>
        Assert.Equal(expected, Found(sentence));
}
