namespace Fireside.Language.Tests;

/// <summary>
/// The patterns seen when the coach read real, published post mortems: the false alarms it must keep
/// quiet on (or only mention softly), and the judgements it used to miss. Every sentence here is our own,
/// written in the shape of a pattern, not copied from those texts.
/// </summary>
public sealed class RealWritingTests
{
    private static readonly LanguageCoach Coach = new();

    private static List<Finding> Warnings(string text) => [.. Coach.Check(text).Where(f => f.Severity >= Severity.Warning)];

    private static string WarnedCategories(string text) =>
        string.Join(",", Warnings(text).Select(f => f.Category.Name()).Distinct().Order(StringComparer.Ordinal));

    // ---- false alarms: quiet, or info at most ------------------------------------------------------

    [Theory]
    [InlineData("The new builder lets us easily produce images for every branch.")]
    [InlineData("The token grants more than just the repository it was made for.")]
    [InlineData("It is easy to use and simple to configure.")]
    [InlineData("The script simply copies the files to the bucket.")]
    [InlineData("A trivial amount of traffic went to the old pool.")]
    [InlineData("The fix is just a few lines in the scheduler.")]
    [InlineData("This made it easy to compare the two runs.")]
    [InlineData("We simply did not know the limit existed.")]
    [InlineData("It simply was not possible to reach the bastion host.")]
    public void ToolsAmountsAndEmphasis_AreNotMinimizing(string sentence) =>
        Assert.DoesNotContain(Coach.Check(sentence), f => f.Category == Category.Minimizing);

    [Theory]
    [InlineData("At the time it seemed a very simple change to the chart.")]
    [InlineData("We thought the migration would be easy.")]
    [InlineData("Once we saw the cause, the fix seemed obvious enough.")]
    [InlineData("It looked like a trivial fix, so it went out without a canary.")]
    public void EaseAsItSeemedAtTheTime_IsLocalRationality_NotMinimizing(string sentence) =>
        Assert.Empty(Warnings(sentence));

    [Theory]
    [InlineData("We just realised the alerts had been muted.")]
    [InlineData("I just noticed the second region was also affected.")]
    [InlineData("The job had just started when the node went away.")]
    public void TemporalJust_IsNotMinimizing(string sentence) =>
        Assert.DoesNotContain(Coach.Check(sentence), f => f.Category == Category.Minimizing);

    [Theory]
    [InlineData("We just restarted the worker and it came back.")]
    [InlineData("It was just a config change.")]
    [InlineData("The fix was simply to raise the limit.")]
    public void OwnEffortMadeSmall_IsInfoNotWarning(string sentence)
    {
        Assert.Contains(Coach.Check(sentence), f => f.Category == Category.Minimizing);
        Assert.Empty(Warnings(sentence));
    }

    [Theory]
    [InlineData("All they had to do was revert the commit.")]
    [InlineData("She could have just rolled back the release.")]
    public void SomeoneElsesEffortMadeSmall_IsAWarning(string sentence) =>
        Assert.Contains("minimizing", WarnedCategories(sentence));

    [Theory]
    [InlineData("For obvious reasons, we rotated every key.")]
    [InlineData("We will of course share what we learn with the other teams.")]
    [InlineData("Obviously we want to avoid this happening again.")]
    [InlineData("Of course, we apologise to everyone who was affected.")]
    [InlineData("This could of course happen to any project of our size.")]
    [InlineData("We do not expect this in the foreseeable future.")]
    [InlineData("The obvious next step is to add a second runner.")]
    public void EverydayFiller_IsNotHindsight(string sentence) =>
        Assert.DoesNotContain("hindsight", WarnedCategories(sentence));

    [Theory]
    [InlineData("We should have alerting on the queue depth.")]
    [InlineData("Each repository should have tests that run on every push.")]
    [InlineData("Users should have barely noticed the switch.")]
    [InlineData("We could of course roll back, but the data had moved.")]
    [InlineData("The alert should have fired at 10:02, but the rule was paused.")]
    public void ModalHaveThatIsNotAPastCounterfactual_StaysQuiet(string sentence) =>
        Assert.DoesNotContain("counterfactual", WarnedCategories(sentence));

    [Theory]
    [InlineData("Any page they opened would have been logged by the proxy.")]
    [InlineData("If a visitor had the old client installed, every page they opened would have been sent to the tracker.")]
    [InlineData("Symptom: Relaybot fails to forward the packets.")]
    [InlineData("This one could have been alerted on by counting 404 responses.")]
    [InlineData("A typo meant the queue name was being ignored by the consumer.")]
    [InlineData("Some build statuses that should've been removed earlier were still showing.")]
    [InlineData("The bug could have sneaked in with the dependency update.")]
    [InlineData("We checked the logs to see if anything had been tampered with.")]
    [InlineData("We looked at whether any token had been used after the leak.")]
    public void HypothesesAboutAThing_StayQuiet(string sentence) =>
        Assert.DoesNotContain("counterfactual", WarnedCategories(sentence));

    [Theory]
    [InlineData("Without the paging rule we could have noticed it much later.")]
    [InlineData("I couldn't have done it without the help of the network team.")]
    [InlineData("Fortunately the backup ran, otherwise we would have lost a day of data.")]
    [InlineData("It could have been much worse.")]
    public void ThankfulCounterfactuals_StayQuiet(string sentence) =>
        Assert.DoesNotContain("counterfactual", WarnedCategories(sentence));

    [Theory]
    [InlineData("Thanks to Ana for root-causing this so quickly!")]
    public void ThanksForInvestigating_IsInfo(string sentence) =>
        Assert.Empty(Warnings(sentence));

    [Fact]
    public void ATemplateRootCauseHeading_IsOneInfoAboutTheTemplate()
    {
        var text = "# Outage\n\n## Root Cause\n\nThe queue filled.\n\n## Root cause analysis\n\n**Root cause:** the queue.\n";

        var findings = Coach.Check(text);

        var template = Assert.Single(findings);
        Assert.Equal("root-cause.template", template.Rule);
        Assert.Equal(Severity.Info, template.Severity);
        Assert.Equal(3, template.Line);
        Assert.Contains("ontributing factors", template.Suggestion);
    }

    [Fact]
    public void TheTextAfterATemplateLabel_IsReadAsProse()
    {
        var text = "**Contributing factor:** Sam forgot to renew the certificate.\n\nSummary: it was human error.\n\nImpact: the root cause was a full disk.\n";

        var warned = Warnings(text);

        Assert.Contains(warned, f => f.Line == 1 && f.Text == "forgot");
        Assert.Contains(warned, f => f.Category == Category.Blame && f.Line == 3);
        Assert.Contains(warned, f => f.Category == Category.RootCause && f.Line == 5);
    }

    [Fact]
    public void RootCauseInProse_IsStillAWarning()
    {
        var text = "## Root Cause\n\nThe root cause was a full disk.";

        Assert.Equal(Severity.Warning, Assert.Single(Coach.Check(text), f => f.Line == 3).Severity);
    }

    // ---- misses: now caught, as warnings ------------------------------------------------------------

    [Theory]
    [InlineData("Deploying on a Friday evening was a massive mistake.")]
    [InlineData("This was the most unfortunate mistake of the year.")]
    [InlineData("Honestly, it was a huge fail on our side.")]
    [InlineData("This was a review failure: two people approved the change.")]
    [InlineData("I made an incorrect assumption about the cache.")]
    [InlineData("Copy-paste errors by the operator broke the config.")]
    [InlineData("User misunderstanding was part of the problem.")]
    public void VerdictsOnPeople_AreBlame(string sentence) =>
        Assert.Contains("blame", WarnedCategories(sentence));

    [Theory]
    [InlineData("These were bad ops practices that we had tolerated for years.")]
    [InlineData("Corners were cut during the migration.")]
    [InlineData("The team kept cutting corners to hit the date.")]
    [InlineData("Detection took an unreasonably long time.")]
    [InlineData("Step 3 of the runbook: BAD, skipped the canary.")]
    [InlineData("That was a poor decision by the release manager.")]
    [InlineData("Teams are always responsible for monitoring their own services.")]
    [InlineData("Starting a long migration an hour before everyone left was unwise.")]
    public void JudgingLabelsOnPractices_AreBlame(string sentence) =>
        Assert.Contains("blame", WarnedCategories(sentence));

    [Theory]
    [InlineData("The maintainers missed the advisory for two weeks.")]
    [InlineData("Nobody thought to check the second region.")]
    [InlineData("The image was updated, and nobody noticed that the pod kept the old one.")]
    [InlineData("No one checked whether the backup had run.")]
    [InlineData("We didn't think to look at the DNS cache.")]
    [InlineData("The change was merged without thinking through the risks.")]
    [InlineData("Could a diff of the rendered config have made us aware before the rollout?")]
    [InlineData("Should we have paged the vendor earlier?")]
    [InlineData("This outage could have been avoided.")]
    public void NonActionAndCounterfactualQuestions_AreCounterfactuals(string sentence) =>
        Assert.Contains("counterfactual", WarnedCategories(sentence));

    [Theory]
    [InlineData("With 20/20 hindsight, the canary was far too small.")]
    [InlineData("Needless to say, this would not have happened with a staging run.")]
    [InlineData("The outage was entirely avoidable.")]
    [InlineData("Obviously the config change was going to break routing.")]
    [InlineData("It should have been obvious that the disk would fill.")]
    public void HindsightVariants_AreHindsight(string sentence) =>
        Assert.Contains("hindsight", WarnedCategories(sentence));

    [Theory]
    [InlineData("All of the errors were due to missing tests.")]
    [InlineData("The outage was entirely due to the expired certificate.")]
    [InlineData("The cause was a race in the lock manager.")]
    [InlineData("The reason for the outage was a bad route.")]
    public void SingleCauseFraming_WithoutTheWordRoot_IsRootCause(string sentence) =>
        Assert.Contains("root-cause", WarnedCategories(sentence));

    [Theory]
    [InlineData("The fix went out as a half-baked patch.")]
    [InlineData("The team shipped a semi-tested build to production.")]
    [InlineData("The rollout plan was slapdash.")]
    public void JudgingWordsOnWork_AreBlame(string sentence) =>
        Assert.Contains("blame", WarnedCategories(sentence));

    [Theory]
    [InlineData("Why wasn't the expired certificate caught in staging?")]
    [InlineData("Why didn't we notice the queue growing?")]
    [InlineData("Why was the regression not spotted by the reviewers?")]
    public void WhyNotQuestions_AreCounterfactuals(string sentence) =>
        Assert.Contains(Warnings(sentence), f => f.Rule == "counterfactual.why-not");

    [Fact]
    public void AWhyNotQuestionAsATemplateHeading_IsANoteAboutTheTemplate()
    {
        var finding = Assert.Single(Coach.Check("### Why wasn't this caught before it reached users?\n\nThe tests ran against a mock.\n"));

        Assert.Equal("counterfactual.why-not", finding.Rule);
        Assert.Equal(Severity.Info, finding.Severity);
    }

    [Theory]
    [InlineData("Why did the pod restart?")]
    [InlineData("Why was the cache cold after the deploy?")]
    [InlineData("Why didn't the pod get replaced?")]
    public void WhyQuestionsAboutWhatHappened_StayQuiet(string sentence) =>
        Assert.DoesNotContain(Coach.Check(sentence), f => f.Rule == "counterfactual.why-not");

    [Theory]
    [InlineData("The incident was declared late.")]
    [InlineData("We escalated too late to the storage team.")]
    [InlineData("The on-call was slow to page the database owners.")]
    [InlineData("The vendor was belatedly informed.")]
    public void LateResponses_AreCounterfactuals(string sentence) =>
        Assert.Contains(Warnings(sentence), f => f.Rule == "counterfactual.too-late");

    [Theory]
    [InlineData("We deployed late in the evening, after the traffic peak.")]
    [InlineData("The batch job runs late at night.")]
    [InlineData("The report arrived late because the mail relay was down.")]
    public void LateAsATimeOfDay_StaysQuiet(string sentence) =>
        Assert.DoesNotContain(Coach.Check(sentence), f => f.Rule == "counterfactual.too-late");

    [Fact]
    public void LateDetection_IsANote()
    {
        var finding = Assert.Single(Coach.Check("The leak was noticed late, once memory hit the limit."));

        Assert.Equal(Severity.Info, finding.Severity);
    }

    [Fact]
    public void NotNoticingForAReasonTheSentenceGives_IsANote()
    {
        var explained = Assert.Single(Coach.Check("The paging rule had been deleted, so nobody noticed the errors."));
        var unexplained = Assert.Single(Coach.Check("Everyone was busy with the launch, so nobody noticed the errors."));

        Assert.Equal(Severity.Info, explained.Severity);
        Assert.Equal(Severity.Warning, unexplained.Severity);
    }

    [Theory]
    [InlineData("The migration script was never tested against a full copy.")]
    [InlineData("The runbook was never reviewed after the move.")]
    public void AStepNeverTaken_IsANote(string sentence)
    {
        var finding = Assert.Single(Coach.Check(sentence));

        Assert.Equal(Category.Counterfactual, finding.Category);
        Assert.Equal(Severity.Info, finding.Severity);
    }

    [Fact]
    public void TheWholeOutageCausedByOneThing_IsANote()
    {
        var finding = Assert.Single(Coach.Check("The outage was caused by an expired certificate."));

        Assert.Equal("root-cause.single-cause", finding.Rule);
        Assert.Equal(Severity.Info, finding.Severity);
    }

    [Theory]
    [InlineData("The spike was caused by a retry storm.")]
    [InlineData("The disk filled up until it caused this outage.")]
    [InlineData("The outage was caused partly by the expired certificate and partly by the missing alert.")]
    public void MechanismsAndSharedCauses_StayQuiet(string sentence) =>
        Assert.DoesNotContain(Coach.Check(sentence), f => f.Category == Category.RootCause);

    [Fact]
    public void SomeoneElsesActionSetBesideTheRightOne_IsANote()
    {
        var finding = Assert.Single(Coach.Check("Kim restarted the service with \"app run\" instead of \"app serve\", so it kept the old config."));

        Assert.Equal("counterfactual.instead-of", finding.Rule);
        Assert.Equal(Severity.Info, finding.Severity);
    }

    [Theory]
    [InlineData("We chose a queue instead of polling.")]
    [InlineData("We restarted the workers instead of the whole cluster.")]
    [InlineData("The job wrote to the replica instead of the primary.")]
    public void ChoicesAndSystemsInsteadOfAnother_StayQuiet(string sentence) =>
        Assert.DoesNotContain(Coach.Check(sentence), f => f.Rule == "counterfactual.instead-of");

    [Theory]
    [InlineData("Preloading the field avoids later lazy database lookups.")]
    [InlineData("The module is lazy loaded on first use.")]
    public void LazyAsATermOfTheTrade_StaysQuiet(string sentence) =>
        Assert.Empty(Coach.Check(sentence));

    [Theory]
    [InlineData("We were lazy about the review.")]
    [InlineData("It was a lazy fix.")]
    public void LazySaidOfPeopleOrTheirWork_IsBlame(string sentence) =>
        Assert.Contains("blame", WarnedCategories(sentence));

    [Fact]
    public void ALinkDefinition_IsMarkupNotProse()
    {
        var text = "We used the [Five Whys] method.\n\n[Five Whys]: https://example.org/five-whys\n";

        Assert.Equal(1, Assert.Single(Coach.Check(text)).Line);
    }

    [Theory]
    [InlineData("Operator error is never a root cause.")]
    [InlineData("Any operator error is a symptom of a missing safeguard.")]
    [InlineData("This was not human error: the form offered both buttons side by side.")]
    public void QuestioningTheLabel_IsNotAWarning(string sentence) =>
        Assert.Empty(Warnings(sentence));

    [Theory]
    [InlineData("The new scanner would have detected these uploads.")]
    [InlineData("Locking the account would not have prevented anyone from downloading the files.")]
    public void WhatAToolWouldDo_IsAMechanism(string sentence) =>
        Assert.Empty(Warnings(sentence));

    [Theory]
    [InlineData("This could have been prevented.")]
    [InlineData("It would have been avoided with a canary.")]
    public void TheIncidentAvoidable_StaysACounterfactual(string sentence) =>
        Assert.Contains("counterfactual", WarnedCategories(sentence));

    [Fact]
    public void VeryObviously_DescribesHowPlainAThingWas()
    {
        Assert.Empty(Warnings("The packages were very obviously made to steal tokens."));
        Assert.Contains("hindsight", WarnedCategories("Obviously the packages were going to be found."));
    }

    [Fact]
    public void AMistakeInAThing_IsWhereABugSits_NotAVerdict()
    {
        Assert.Empty(Warnings("It turned out to be a mistake in the upgrade logic."));
        Assert.Contains("blame", WarnedCategories("This was a mistake in setting up the node pool."));
    }

    [Theory]
    [InlineData("The disk alert had been raised to 95%, which was a sign we missed.")]
    [InlineData("Teams still haven't adopted our recommendations on replicas.")]
    [InlineData("The operator didn't follow the runbook.")]
    public void MissedSignsAndGuidanceNotFollowed_AreCounterfactuals(string sentence) =>
        Assert.Contains("counterfactual", WarnedCategories(sentence));

    [Theory]
    [InlineData("The service did not follow the redirect.")]
    [InlineData("We followed the runbook step by step.")]
    public void FollowingAsAMechanismOrDone_StaysQuiet(string sentence) =>
        Assert.DoesNotContain("counterfactual", WarnedCategories(sentence));

    [Fact]
    public void SlowToRealise_IsANote() =>
        Assert.Equal(Severity.Info, Assert.Single(Coach.Check("We were slow to realise the mirror had dropped the packages.")).Severity);

    [Fact]
    public void ThePrimaryCulprit_IsANote() =>
        Assert.Equal(Severity.Info, Assert.Single(Coach.Check("The primary culprit was found and stopped.")).Severity);

    [Fact]
    public void NotTheRootCause_StillLooksForOne() =>
        Assert.Contains("root-cause", WarnedCategories("An investigation showed that was not the root cause."));

    [Theory]
    [InlineData("Could a diff between the two configs made us aware before the cutover?")]
    [InlineData("Would a canary caught this before the rollout?")]
    public void CounterfactualQuestionsWithoutHave_AreCounterfactuals(string sentence) =>
        Assert.Contains("counterfactual", WarnedCategories(sentence));

    [Theory]
    [InlineData("Could the team made the deadline.")]
    [InlineData("Could you share the dashboard that made this visible?")]
    public void ModalQuestionsAboutNow_StayQuiet(string sentence) =>
        Assert.DoesNotContain("counterfactual", WarnedCategories(sentence));

    [Fact]
    public void SomethingOverlooked_IsANonAction() =>
        Assert.Contains("counterfactual", WarnedCategories("The headers were checked, but the change of scheme was overlooked."));

    [Fact]
    public void UnreasonableDetection_IsAJudgement() =>
        Assert.Contains("blame", WarnedCategories("An unreasonable long detection time cost us an hour of bookings."));

    [Fact]
    public void EveryFinding_ExplainsItselfWithAQuestion()
    {
        var text = "Pat made a mistake. The root cause was DNS. We should have rolled back. Obviously the disk was full. All they had to do was revert.";

        var findings = Coach.Check(text);

        Assert.Equal(5, findings.Count);
        Assert.All(findings, f => Assert.EndsWith("?", f.Suggestion, StringComparison.Ordinal));
        Assert.All(findings, f => Assert.True(f.Message.Length > 40, f.Message));
    }
}
