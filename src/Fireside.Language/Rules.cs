namespace Fireside.Language;

/// <summary>
/// The coach's rules. Each is triggered by a word and then reads the words around it, so the coach
/// understands families of wording (inflections, contractions, negations, who the subject is)
/// rather than a list of phrases.
/// </summary>
internal static class Rules
{
    public delegate void Rule(RuleContext c, int i);

    private static readonly HashSet<string> Modals = Words.Set(
        "should", "could", "would", "might", "ought", "shouldn't", "couldn't", "wouldn't", "mightn't", "oughtn't",
        "should've", "could've", "would've", "might've", "shouldn't've", "couldn't've", "wouldn't've");

    private static readonly HashSet<string> FailingVerbs = Words.Set(
        "failed", "fails", "fail", "failing", "neglected", "neglects", "neglect", "neglecting", "forgot", "forgets", "forget", "forgotten",
        "forgetting", "ignored", "ignores", "ignore", "ignoring", "overlooked", "overlooks", "overlook", "overlooking");

    private static readonly HashSet<string> Subjectish = Words.Set(
        "i", "we", "you", "he", "she", "they", "the", "our", "their", "a", "an", "this", "that", "any", "someone", "somebody", "anyone", "nobody", "everyone", "his", "her", "my", "your");

    private static readonly HashSet<string> PeopleAdjectives = Words.Set(
        "competent", "reasonable", "sensible", "experienced", "decent", "good", "halfway", "half-decent", "self-respecting", "qualified",
        "senior", "careful", "smart", "trained", "seasoned", "capable", "rational");

    private static readonly HashSet<string> ClearlyDescribes = Words.Set(
        "labelled", "labeled", "marked", "visible", "written", "shown", "displayed", "printed", "stated", "documented", "defined",
        "separated", "explained", "described", "indicated", "audible", "readable", "legible", "identified", "signposted", "highlighted",
        "annotated", "communicated", "worded", "formatted", "structured", "named", "titled", "coloured", "colored", "distinguished",
        "distinguishable", "see", "saw", "seen", "hear", "heard", "show", "showed", "shows", "label", "mark", "marks");

    private static readonly HashSet<string> TemporalAfterJust = Words.Set(
        "before", "after", "as", "when", "now", "then", "about", "moments", "seconds", "minutes", "hours", "recently", "yet", "once", "started",
        "begun", "finished", "completed", "arrived", "landed", "culture", "cause", "enough", "like",
        // "just past", "just under 5%": exactly or barely, a measure rather than a belittling.
        "past", "over", "under", "below", "above", "beyond", "behind", "short", "outside", "inside", "shy", "around");

    private static readonly HashSet<string> SimpleThings = Words.Set(
        "fix", "fixes", "matter", "change", "changes", "step", "task", "job", "thing", "tweak", "restart", "rollback", "solution", "oversight",
        "typo", "edit", "revert", "patch", "mistake", "process");

    private static readonly HashSet<string> CauseAdjectives = Words.Set(
        "primary", "main", "underlying", "real", "single", "true", "ultimate", "actual", "sole", "fundamental", "principal", "one");

    private static readonly HashSet<string> IncidentNouns = Words.Set(
        "incident", "incidents", "outage", "outages", "problem", "problems", "issue", "issues", "failure", "failures", "downtime", "event",
        "crash", "crashes", "breach", "bug", "disruption", "degradation", "page", "alert");

    private static readonly HashSet<string> JudgingWords = Words.Set(
        "careless", "carelessly", "carelessness", "negligent", "negligently", "negligence", "sloppy", "sloppily", "sloppiness", "lazy", "lazily",
        "laziness", "incompetent", "incompetently", "incompetence", "reckless", "recklessly", "recklessness", "irresponsible",
        "irresponsibly", "irresponsibility", "stupid", "stupidity", "idiotic", "foolish", "clueless", "inept", "ineptitude", "boneheaded",
        "thoughtless", "amateurish", "dumb");

    private static readonly HashSet<string> Sanctions = Words.Set(
        "disciplined", "fired", "sacked", "reprimanded", "punished", "dismissed", "suspended", "demoted");

    public static Dictionary<string, Rule[]> Triggers { get; } = Build();

    private static Dictionary<string, Rule[]> Build()
    {
        var table = new Dictionary<string, List<Rule>>(StringComparer.OrdinalIgnoreCase);
        void On(IEnumerable<string> words, Rule rule)
        {
            foreach (var word in words)
            {
                if (!table.TryGetValue(word, out var list))
                {
                    table[word] = list = [];
                }

                list.Add(rule);
            }
        }

        // counterfactual
        On(Modals, ModalPerfect);
        On(["we'd", "i'd", "you'd", "they'd", "he'd", "she'd", "it'd"], ContractedWouldHave);
        On(["had"], HadConditional);
        On(["if"], IfOnly);
        On(["wish", "wished", "wishes"], WishHad);
        On(FailingVerbs, FailingToAct);
        On(["bother", "bothered", "bothers"], DidNotBother);
        On(["instead"], InsteadOfShould);

        // root-cause
        On(["root", "root-cause", "root-causes", "root-caused", "root-causing", "rootcause"], RootCause);
        On(["rca", "rcas"], (c, i) => c.Emit(Category.RootCause, "root-cause.rca", i, i));
        On(["cause", "causes"], SingleCause);
        On(["whys"], FiveWhys);

        // blame
        On(["error", "errors"], PersonError);
        On(JudgingWords, (c, i) => c.Emit(Category.Blame, "blame.judging-words", i, i));
        On(["rookie"], (c, i) =>
        {
            if (c.IsAny(c.Next(i), "mistake", "mistakes", "error", "errors", "move"))
            {
                c.Emit(Category.Blame, "blame.judging-words", i, c.Next(i));
            }
        });
        On(["fault", "faults"], Fault);
        On(["blame", "blamed", "blames", "blaming"], BlameWord);
        On(["mistake", "mistakes"], MadeAMistake);
        On(["messed", "screwed", "fouled", "mucked", "mess", "screw", "messing", "screwing"], MessedUp);
        On(["botched", "bungled", "fumbled"], (c, i) => c.Emit(Category.Blame, "blame.fault", i, i));
        On(["dropped", "drop", "drops", "dropping"], DroppedTheBall);
        On(Sanctions, Sanction);
        On(["held", "hold", "holds", "holding"], HeldAccountable);

        // hindsight
        On(["obvious", "obviously"], Obvious);
        On(["clearly"], Clearly);
        On(["course"], OfCourse);
        On(["plain", "easy"], PlainToSee);
        On(["predictably", "predictable", "foreseeable", "inevitably"], (c, i) => c.Emit(Category.Hindsight, "hindsight.foreseeable", i, i));
        On(["hindsight", "retrospect"], Hindsight);
        On(["looking"], LookingBack);
        On(["knows", "knew", "know"], EveryoneKnows);
        On(["any"], AnyReasonablePerson);
        On(["known"], ShouldHaveKnown);
        On(["been"], ShouldHaveBeenClear);
        On(["coming"], SeenItComing);

        // minimizing
        On(["just"], Just);
        On(["simply", "merely"], (c, i) => c.Emit(Category.Minimizing, "minimizing.merely", i, i));
        On(["only"], OnlyHadTo);
        On(["all"], AllTheyHadToDo);
        On(["easy", "easily", "trivial", "trivially", "no-brainer"], Easy);
        On(["simple"], Simple);

        return table.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    // ---- counterfactual -------------------------------------------------------------------------

    private static void ModalPerfect(RuleContext c, int i)
    {
        var span = c.Span(i);
        var modal = span.ToString().Replace('’', '\'').ToLowerInvariant();
        int have;
        if (modal.EndsWith("'ve", StringComparison.Ordinal))
        {
            have = i;
            modal = modal[..^3];
        }
        else
        {
            var j = c.Next(i);
            if (modal.StartsWith("ought", StringComparison.Ordinal))
            {
                j = c.Is(j, "not") ? c.Next(j) : j;
                if (!c.Is(j, "to"))
                {
                    return;
                }

                j = c.Next(j);
            }

            for (var n = 0; n < 3 && j >= 0 && c.In(j, Words.Adverbs) && !c.Is(j, "have"); n++)
            {
                j = c.Next(j);
            }

            if (!c.IsAny(j, "have", "'ve", "of"))
            {
                return;
            }

            have = j;
        }

        var participle = c.NextSkipping(have, Words.Adverbs, 2);
        if (participle < 0 || c.In(participle, Words.NotParticiples) || c.Is(participle, "to"))
        {
            return;
        }

        modal = modal.Replace("n't", "", StringComparison.Ordinal);
        var counterfactual = modal switch
        {
            "should" or "ought" or "would" => true,
            // "could have" and "might have" about a thing are guesses about what happened, worth checking.
            _ => c.HasPersonSubject(i) || c.SentenceHasBefore(i, "if", "had", "unless", "without"),
        };
        if (counterfactual)
        {
            c.Emit(Category.Counterfactual, "counterfactual.modal-perfect", i, participle);
        }
    }

    private static void ContractedWouldHave(RuleContext c, int i)
    {
        var have = c.Next(i);
        var participle = c.Next(have);
        if (c.Is(have, "have") && participle >= 0 && !c.In(participle, Words.NotParticiples))
        {
            c.Emit(Category.Counterfactual, "counterfactual.modal-perfect", i, participle);
        }
    }

    private static void HadConditional(RuleContext c, int i)
    {
        var next = c.Next(i);
        if (next < 0)
        {
            return;
        }

        // Inverted: "Had they paged the network team, …" at the start of a clause.
        var clauseStart = c.ClauseStart(i) == i;
        if (clauseStart && (c.In(next, Subjectish) || c.IsPerson(next)) && !c.Is(next, "to"))
        {
            c.Emit(Category.Counterfactual, "counterfactual.imagined-condition", i, next);
            return;
        }

        // "If the alert had been routed …", "if we hadn't …": a past that did not happen.
        var start = c.ClauseStart(i);
        for (var j = i - 1; j >= start && j >= i - 8; j--)
        {
            if (c.IsAny(j, "if", "unless"))
            {
                var after = c.NextSkipping(i, Words.Adverbs, 2);
                if (after >= 0 && !c.In(after, Words.NotParticiples))
                {
                    c.Emit(Category.Counterfactual, "counterfactual.imagined-condition", j, i);
                }

                return;
            }
        }
    }

    private static void IfOnly(RuleContext c, int i)
    {
        var next = c.Next(i);
        if (c.Is(next, "only"))
        {
            c.Emit(Category.Counterfactual, "counterfactual.imagined-condition", i, next);
        }
        else if (next >= 0 && c.IsAny(c.Next(next), "hadn't") )
        {
            c.Emit(Category.Counterfactual, "counterfactual.imagined-condition", i, c.Next(next));
        }
    }

    private static void WishHad(RuleContext c, int i)
    {
        var who = c.Next(i);
        var had = c.Next(who);
        if (who >= 0 && c.IsAny(had, "had", "hadn't"))
        {
            c.Emit(Category.Counterfactual, "counterfactual.imagined-condition", i, had);
        }
    }

    private static void FailingToAct(RuleContext c, int i)
    {
        var isFail = c.IsAny(i, "failed", "fails", "fail", "failing");
        if (isFail && !c.Is(c.Next(i), "to"))
        {
            return;
        }

        var passive = c.IsAny(c.Prev(i), "was", "were", "been", "being", "got", "is", "are") && !isFail;
        if (passive || c.HasPersonSubject(i))
        {
            c.Emit(Category.Counterfactual, "counterfactual.failing-to-act", i, isFail ? i + 1 : i);
        }
    }

    private static void DidNotBother(RuleContext c, int i)
    {
        var prev = c.Prev(i);
        var negated = prev >= 0 && (c.EndsWith(prev, "n't") || c.IsAny(prev, "not", "never", "nobody", "no-one"));
        if (!negated && prev >= 0 && c.Is(prev - 1, "no") && c.Is(prev, "one"))
        {
            negated = true;
        }

        if (negated && c.IsAny(c.Next(i), "to", "checking", "looking", "reading", "testing", "asking"))
        {
            c.Emit(Category.Counterfactual, "counterfactual.failing-to-act", prev, c.Next(i));
        }
    }

    private static void InsteadOfShould(RuleContext c, int i)
    {
        if (!c.Is(c.Next(i), "of"))
        {
            return;
        }

        for (int j = i + 2, end = c.SentenceEnd(i); j <= end; j++)
        {
            if (c.IsAny(j, "should", "ought", "could"))
            {
                c.Emit(Category.Counterfactual, "counterfactual.instead-of", i, i + 1);
                return;
            }
        }
    }

    // ---- root-cause -----------------------------------------------------------------------------

    private static void RootCause(RuleContext c, int i)
    {
        if (c.Is(i, "root"))
        {
            var next = c.Next(i);
            if (c.IsAny(next, "cause", "causes", "caused", "causing", "causal", "causation"))
            {
                c.Emit(Category.RootCause, "root-cause.root-cause", i, next);
            }

            return;
        }

        c.Emit(Category.RootCause, "root-cause.root-cause", i, i);
    }

    private static void SingleCause(RuleContext c, int i)
    {
        var prev = c.Prev(i);
        if (prev >= 0 && c.In(prev, CauseAdjectives))
        {
            c.Emit(Category.RootCause, "root-cause.single-cause", prev, i);
            return;
        }

        // "The cause of the outage was …", "the cause was …"
        if (!c.Is(prev, "the"))
        {
            return;
        }

        var j = c.Next(i);
        if (c.Is(j, "of"))
        {
            for (var k = 0; k < 4 && j >= 0; k++)
            {
                j = c.Next(j);
                if (c.In(j, IncidentNouns))
                {
                    if (c.IsAny(c.Next(j), "was", "is", "were"))
                    {
                        c.Emit(Category.RootCause, "root-cause.single-cause", prev, c.Next(j));
                    }

                    return;
                }
            }

            return;
        }

        if (c.IsAny(j, "was", "is") && c.ClauseStart(prev) == prev)
        {
            c.Emit(Category.RootCause, "root-cause.single-cause", prev, j);
        }
    }

    private static void FiveWhys(RuleContext c, int i)
    {
        var prev = c.Prev(i);
        if (c.IsAny(prev, "five", "5"))
        {
            c.Emit(Category.RootCause, "root-cause.five-whys", prev, i);
        }
    }

    // ---- blame ----------------------------------------------------------------------------------

    private static void PersonError(RuleContext c, int i)
    {
        var prev = c.Prev(i);
        var next = c.Next(i);
        if (c.IsAny(prev, "human", "operator", "pilot", "user", "engineer", "developer", "admin", "administrator", "personnel", "staff")
            && !c.IsAny(next, "rate", "rates", "page", "pages", "message", "messages", "code", "codes", "count", "counts", "budget", "log", "logs", "handling", "response", "responses", "path", "dialog"))
        {
            c.Emit(Category.Blame, "blame.human-error", prev, i);
        }
    }

    private static void Fault(RuleContext c, int i)
    {
        var prev = c.Prev(i);
        if (c.Is(prev, "at") || (prev >= 0 && (c.EndsWith(prev, "'s") || c.IsAny(prev, "his", "her", "their", "your", "my", "our", "whose"))))
        {
            c.Emit(Category.Blame, "blame.fault", prev, i);
        }
        else if (c.Is(c.Next(i), "of"))
        {
            var who = c.Next(i + 1);
            who = c.Is(who, "the") ? c.Next(who) : who;
            if (c.IsPerson(who))
            {
                c.Emit(Category.Blame, "blame.fault", i, who);
            }
        }
    }

    private static void BlameWord(RuleContext c, int i)
    {
        if (c.IsAny(c.Next(i), "aware", "awareness", "culture", "game", "free", "less", "lessness"))
        {
            return;
        }

        c.Emit(Category.Blame, "blame.fault", c.Is(c.Prev(i), "to") ? i - 1 : i, i);
    }

    private static void MadeAMistake(RuleContext c, int i)
    {
        for (var j = i - 1; j >= i - 4 && c.IsWord(j); j--)
        {
            if (c.IsAny(j, "made", "make", "makes", "making"))
            {
                c.Emit(Category.Blame, "blame.fault", j, i);
                return;
            }
        }
    }

    private static void MessedUp(RuleContext c, int i)
    {
        if (c.Is(c.Next(i), "up"))
        {
            c.Emit(Category.Blame, "blame.fault", i, i + 1);
        }
    }

    private static void DroppedTheBall(RuleContext c, int i)
    {
        if (c.Is(c.Next(i), "the") && c.Is(c.Next(c.Next(i)), "ball"))
        {
            c.Emit(Category.Blame, "blame.fault", i, i + 2);
        }
    }

    private static void Sanction(RuleContext c, int i)
    {
        var prev = c.Prev(i);
        if (!c.IsAny(prev, "was", "were", "be", "been", "being", "got", "get", "gets", "is", "are") && !c.IsAny(i, "reprimanded", "disciplined", "punished"))
        {
            return;
        }

        // "The alert was fired" is about a system; "the engineer was fired" is a sanction.
        if (c.IsAny(i, "fired", "dismissed", "suspended") && !c.HasPersonSubject(prev))
        {
            return;
        }

        c.Emit(Category.Blame, "blame.sanction", prev >= 0 ? prev : i, i);
    }

    private static void HeldAccountable(RuleContext c, int i)
    {
        for (var j = c.Next(i); j >= 0 && j <= i + 4; j = c.Next(j))
        {
            if (c.IsAny(j, "accountable", "responsible", "liable"))
            {
                c.Emit(Category.Blame, "blame.sanction", i, j);
                return;
            }
        }
    }

    // ---- hindsight ------------------------------------------------------------------------------

    private static void Obvious(RuleContext c, int i)
    {
        var prev = c.Prev(i);
        if (prev >= 0 && (c.In(prev, Words.Negations) || c.EndsWith(prev, "n't") || c.IsAny(prev, "far", "less", "least")))
        {
            return;
        }

        if (c.Is(prev, "so") && c.EndsWith(prev - 1, "n't"))
        {
            return;
        }

        c.Emit(Category.Hindsight, "hindsight.obvious", i, i);
    }

    private static void Clearly(RuleContext c, int i)
    {
        var next = c.Next(i);
        if ((next >= 0 && c.In(next, ClearlyDescribes)) || c.IsAny(c.Prev(i), "more", "less", "very", "not"))
        {
            return;
        }

        c.Emit(Category.Hindsight, "hindsight.obvious", i, i);
    }

    private static void OfCourse(RuleContext c, int i)
    {
        if (c.Is(c.Prev(i), "of") && !c.Is(c.Next(i), "of") && !c.IsAny(c.Prev(i) - 1, "change", "matter", "set"))
        {
            c.Emit(Category.Hindsight, "hindsight.obvious", i - 1, i);
        }
    }

    private static void PlainToSee(RuleContext c, int i)
    {
        var to = c.Next(i);
        if (c.Is(to, "to") && c.IsAny(c.Next(to), "see", "spot", "tell", "predict", "foresee", "notice"))
        {
            c.Emit(Category.Hindsight, "hindsight.obvious", i, c.Next(to));
        }
    }

    /// <summary>"in hindsight", "with (the benefit of) hindsight", "in retrospect"; not "hindsight bias", a term of the field.</summary>
    private static void Hindsight(RuleContext c, int i)
    {
        var prev = c.Prev(i);
        if (c.IsAny(prev, "in", "with"))
        {
            c.Emit(Category.Hindsight, "hindsight.in-hindsight", prev, i);
        }
        else if (c.Is(i, "hindsight") && c.Is(prev, "of") && c.Is(prev - 1, "benefit"))
        {
            c.Emit(Category.Hindsight, "hindsight.in-hindsight", prev - 1, i);
        }
        else if (c.Is(i, "hindsight") && c.IsAny(c.Next(i), "is", "says", "tells", "shows"))
        {
            c.Emit(Category.Hindsight, "hindsight.in-hindsight", i, i);
        }
    }

    private static void LookingBack(RuleContext c, int i)
    {
        var back = c.Next(i);
        if (c.Is(back, "back") && !c.IsAny(c.Next(back), "at", "through", "over", "into", "in", "to", "up", "for"))
        {
            c.Emit(Category.Hindsight, "hindsight.in-hindsight", i, back);
        }
    }

    private static void EveryoneKnows(RuleContext c, int i)
    {
        var prev = c.Prev(i);
        if (c.IsAny(prev, "everyone", "everybody", "anyone"))
        {
            c.Emit(Category.Hindsight, "hindsight.everyone-knows", prev, i);
        }
        else if (c.Is(prev, "all") && c.Is(prev - 1, "we") && c.Is(prev - 2, "as"))
        {
            c.Emit(Category.Hindsight, "hindsight.everyone-knows", prev - 2, i);
        }
    }

    private static void AnyReasonablePerson(RuleContext c, int i)
    {
        var j = c.Next(i);
        var last = -1;
        if (j >= 0 && c.In(j, PeopleAdjectives))
        {
            last = j;
            j = c.Next(j);
            if (j >= 0 && c.In(j, PeopleAdjectives))
            {
                j = c.Next(j);
            }
        }

        if (j < 0 || !c.In(j, Words.People))
        {
            return;
        }

        var after = c.Next(j);
        if (last >= 0 || c.IsAny(after, "would", "should", "could", "would've", "should've", "could've", "knows", "know", "can"))
        {
            c.Emit(Category.Hindsight, "hindsight.everyone-knows", i, j);
        }
    }

    private static void ShouldHaveKnown(RuleContext c, int i)
    {
        var have = c.Prev(i);
        if (have < 0)
        {
            return;
        }

        var modal = c.IsAny(have, "have", "of") ? c.Prev(have) : c.EndsWith(have, "'ve") ? have : -1;
        if (modal >= 0 && (c.IsAny(modal, "should", "must", "ought", "shouldn't", "to") || c.EndsWith(modal, "'ve")) &&
            !(c.EndsWith(modal, "'ve") && !c.Span(modal).StartsWith("should", StringComparison.OrdinalIgnoreCase) && !c.Span(modal).StartsWith("must", StringComparison.OrdinalIgnoreCase)))
        {
            c.Emit(Category.Hindsight, "hindsight.should-have-known", modal, i);
        }
    }

    private static void ShouldHaveBeenClear(RuleContext c, int i)
    {
        var adjective = c.Next(i);
        var have = c.Prev(i);
        if (c.IsAny(adjective, "clear", "apparent", "evident", "foreseen", "expected", "anticipated", "predicted") &&
            (c.IsAny(have, "have", "should've", "must've") || c.EndsWith(have, "'ve")))
        {
            var modal = c.Is(have, "have") ? c.Prev(have) : have;
            if (c.IsAny(modal, "should", "must", "should've", "must've", "shouldn't"))
            {
                c.Emit(Category.Hindsight, "hindsight.should-have-known", modal, adjective);
            }
        }
    }

    private static void SeenItComing(RuleContext c, int i)
    {
        var it = c.Prev(i);
        var seen = c.Prev(it);
        if (c.IsAny(it, "it", "this", "that") && c.IsAny(seen, "seen", "see", "saw"))
        {
            c.Emit(Category.Hindsight, "hindsight.obvious", seen, i);
        }
    }

    // ---- minimizing -----------------------------------------------------------------------------

    private static void Just(RuleContext c, int i)
    {
        var prev = c.Prev(i);
        var next = c.Next(i);
        if (next < 0 || c.In(next, TemporalAfterJust) || (c.Is(next, "in") && c.Is(c.Next(next), "time")))
        {
            return;
        }

        // "could have just rolled back": an easier-looking past, so it is minimising.
        var afterModal = c.IsAny(prev, "have", "of") && c.In(c.Prev(prev), Modals);

        // "had just finished", "has just been", "not just … but": the time, or an addition, not a minimising.
        if (!afterModal && c.IsAny(prev, "had", "has", "have", "'d", "'ve", "not", "was", "were", "is", "are") && !c.IsAny(next, "a", "an", "the", "one", "some"))
        {
            if (c.IsAny(prev, "had", "has", "have", "not") || c.EndsWith(prev, "'d") || c.EndsWith(prev, "'ve") || c.EndsWith(next, "ing"))
            {
                return;
            }
        }

        if (prev >= 0 && !c.In(prev, Modals) && (c.EndsWith(prev, "'d") || c.EndsWith(prev, "'ve") || c.EndsWith(prev, "'s")) && !c.IsAny(next, "a", "an", "the"))
        {
            return;
        }

        c.Emit(Category.Minimizing, "minimizing.merely", i, i);
    }

    private static void OnlyHadTo(RuleContext c, int i)
    {
        var verb = c.Next(i);
        if (c.IsAny(verb, "had", "has", "have", "needed", "need", "needs", "required") && c.Is(c.Next(verb), "to"))
        {
            c.Emit(Category.Minimizing, "minimizing.only-had-to", i, verb + 1);
        }
        else if (c.IsAny(verb, "took", "takes", "required", "requires"))
        {
            c.Emit(Category.Minimizing, "minimizing.only-had-to", i, verb);
        }
    }

    private static void AllTheyHadToDo(RuleContext c, int i)
    {
        var who = c.Next(i);
        var had = c.Next(who);
        var to = c.Next(had);
        if (who >= 0 && c.IsAny(had, "had", "needed", "has", "have", "need", "needs") && c.Is(to, "to") && c.Is(c.Next(to), "do"))
        {
            c.Emit(Category.Minimizing, "minimizing.only-had-to", i, c.Next(to));
        }
        else if (c.Is(who, "it") && c.IsAny(had, "took", "takes"))
        {
            c.Emit(Category.Minimizing, "minimizing.only-had-to", i, had);
        }
    }

    private static void Easy(RuleContext c, int i)
    {
        var prev = c.Prev(i);
        var next = c.Next(i);
        if ((prev >= 0 && (c.In(prev, Words.Negations) || c.EndsWith(prev, "n't"))) || (c.Is(prev, "so") && c.EndsWith(prev - 1, "n't")))
        {
            return;
        }

        if (c.Is(i, "easy") && c.Is(next, "to") && c.IsAny(c.Next(next), "see", "spot", "tell", "predict", "foresee", "notice", "miss", "overlook", "confuse", "forget"))
        {
            return;
        }

        c.Emit(Category.Minimizing, "minimizing.easy", i, i);
    }

    private static void Simple(RuleContext c, int i)
    {
        var next = c.Next(i);
        if (c.IsCapitalised(i) && c.IsCapitalised(next))
        {
            return;
        }

        if (next >= 0 && c.In(next, SimpleThings))
        {
            c.Emit(Category.Minimizing, "minimizing.easy", i, next);
        }
    }
}
