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
        "thoughtless", "amateurish", "dumb", "ill-advised", "unwise", "inadvisable", "ill-considered", "foolhardy", "cavalier", "lax",
        "semi-tested", "half-tested", "under-tested", "undertested", "half-baked", "slapdash", "haphazard", "haphazardly", "shoddily");

    private static readonly HashSet<string> Sanctions = Words.Set(
        "disciplined", "fired", "sacked", "reprimanded", "punished", "dismissed", "suspended", "demoted");

    /// <summary>Irregular past participles (regular ones end in -ed); "should have tests" is about owning tests.</summary>
    private static readonly HashSet<string> IrregularParticiples = Words.Set(
        "been", "done", "gone", "seen", "known", "taken", "made", "caught", "run", "put", "set", "hit", "let", "cut", "read", "sent", "built",
        "kept", "left", "lost", "found", "brought", "thought", "told", "said", "paid", "held", "written", "given", "broken", "chosen", "spoken",
        "driven", "fallen", "forgotten", "gotten", "got", "begun", "understood", "stood", "won", "spent", "meant", "felt", "dealt", "heard", "sold",
        "shot", "slept", "taught", "fought", "bought", "sought", "thrown", "shown", "blown", "grown", "drawn", "flown", "worn", "torn", "hidden",
        "beaten", "eaten", "shaken", "woken", "stolen", "frozen", "risen", "struck", "stuck", "hung", "slid", "spun", "split", "spread", "shut",
        "quit", "hurt", "cost", "burst", "cast", "fit", "rid", "shed", "sat", "met", "led", "fed", "fled", "bent", "lent", "dug", "had", "become",
        "come", "rung", "sung", "swum", "drunk", "sunk", "shrunk", "withdrawn", "overseen", "overtaken", "undertaken", "mistaken", "rewritten",
        "rerun", "reset", "upset", "output", "input", "rebuilt", "resent", "redone", "undone", "outgrown", "forbidden", "forgiven", "proven",
        "woven", "sewn", "shorn", "swollen", "spat", "lit", "wound", "bound", "ground", "ridden", "bitten", "hidden", "slain", "sped", "wept",
        "swept", "crept", "leapt", "dreamt", "learnt", "spelt", "spoilt", "burnt", "knelt", "smelt", "spilt", "dwelt");

    /// <summary>Verbs before "if" that make it a question ("to see if", "checked if"), not an imagined past.</summary>
    private static readonly HashSet<string> AskingVerbs = Words.Set(
        "see", "saw", "seeing", "check", "checked", "checking", "checks", "know", "knew", "verify", "verified", "verifying", "determine",
        "determined", "determining", "confirm", "confirmed", "confirming", "investigate", "investigated", "investigating", "find", "found",
        "ask", "asked", "asking", "tell", "told", "wonder", "wondered", "wondering", "sure", "unclear", "clear", "understand", "learn",
        "establish", "assess", "evaluate", "identify", "whether", "examine", "examined", "test", "tested", "testing", "look", "looked",
        "looking", "review", "reviewed", "audit", "audited", "as", "even", "what", "unsure", "unknown", "out");

    /// <summary>Words that make a counterfactual a thankful one ("it could have been much worse without the alert").</summary>
    private static readonly HashSet<string> Thankful = Words.Set(
        "worse", "thankfully", "fortunately", "luckily", "thanks", "thank", "grateful", "gratitude", "help", "otherwise", "glad", "lucky");

    /// <summary>"would not have happened", "could have been avoided": a counterfactual whatever the subject.</summary>
    private static readonly HashSet<string> PreventedParticiples = Words.Set(
        "avoided", "prevented", "caught", "spotted", "noticed", "detected", "averted", "stopped", "happened", "mitigated", "found");

    /// <summary>What people do, in the passive: "the bug should have been caught in review" is about people; "the statuses should have been removed" is about a system.</summary>
    private static readonly HashSet<string> PeopleParticiples = Words.Set(
        "caught", "noticed", "spotted", "detected", "reviewed", "tested", "checked", "escalated", "reported", "flagged", "fixed", "reverted",
        "rolled", "prevented", "avoided", "found", "addressed", "communicated", "documented", "paged", "considered", "discussed", "planned",
        "questioned", "raised", "verified", "validated", "approved", "investigated", "handled", "followed", "read", "seen", "known", "obvious",
        "clear", "apparent", "evident", "foreseen", "anticipated", "expected", "predicted", "noted", "announced", "told", "informed", "asked",
        "consulted", "involved", "stopped", "halted", "postponed", "delayed", "cancelled", "canceled", "blocked", "rejected", "declined");

    private static readonly HashSet<string> Determiners = Words.Set(
        "a", "an", "the", "this", "that", "these", "those", "some", "any", "one", "two", "three", "our", "their", "his", "her", "my", "your", "its",
        "few", "several", "more", "less", "over", "under", "about", "around");

    private static readonly HashSet<string> Copulas = Words.Set("was", "is", "were", "are", "be", "been", "being", "it's", "that's", "'s");

    /// <summary>Verbs after "just" that say when, not how much: "we just realised", "had just finished".</summary>
    private static readonly HashSet<string> NoticingVerbs = Words.Set(
        "realised", "realized", "realise", "realize", "noticed", "notice", "learned", "learnt", "discovered", "found", "heard", "saw", "seen",
        "got", "started", "finished", "arrived", "received", "joined", "left", "came", "happened", "missed");

    private static readonly HashSet<string> SeemingVerbs = Words.Set(
        "seemed", "seems", "seem", "seeming", "looked", "looks", "look", "thought", "think", "expected", "expect", "assumed", "assume",
        "appeared", "appears", "believed", "believe", "felt", "feel", "supposed", "hoped", "figured", "estimated", "planned", "meant", "intended", "sounded");

    /// <summary>Words that follow "simply" as emphasis rather than a belittling: "it simply did not work".</summary>
    private static readonly HashSet<string> EmphasisAfterSimply = Words.Set(
        "not", "no", "never", "didn't", "don't", "doesn't", "couldn't", "can't", "cannot", "wasn't", "weren't", "isn't", "aren't", "won't",
        "wouldn't", "because", "put", "too", "unable", "impossible", "wrong", "stated", "said", "unavailable", "out", "did", "does", "do", "was",
        "were", "is", "are", "could", "can", "would", "had", "has", "ran", "runs", "forgot", "missed", "overlooked");

    /// <summary>What "easily" or "easy to" can describe as a judgement of people: it could easily have been fixed.</summary>
    private static readonly HashSet<string> FixingVerbs = Words.Set(
        "fix", "fixed", "avoid", "avoided", "prevent", "prevented", "catch", "caught", "spot", "spotted", "solve", "solved", "resolve", "resolved",
        "handle", "handled", "revert", "reverted", "undo", "undone", "recover", "recovered", "mitigate", "mitigated", "fixable", "avoidable",
        "preventable", "restore", "restored", "detect", "detected", "rollback", "roll", "rolled");

    private static readonly HashSet<string> MistakeAdjectivesKind = Words.Set(
        "honest", "easy", "understandable", "common", "natural", "forgivable", "simple");

    private static readonly HashSet<string> PeopleFailures = Words.Set(
        "human", "operator", "review", "reviewer", "management", "leadership", "personal", "judgement", "judgment", "staff", "user", "engineer",
        "engineering", "oversight", "moral", "individual");

    private static readonly HashSet<string> JudgedPractices = Words.Set(
        "practice", "practices", "decision", "decisions", "judgement", "judgment", "call", "calls", "choice", "choices", "habit", "habits",
        "hygiene", "discipline", "job", "work", "planning", "behaviour", "behavior", "attitude", "workmanship", "engineering", "coding", "assumption",
        "assumptions");

    private static readonly HashSet<string> BadWords = Words.Set(
        "bad", "poor", "wrong", "terrible", "awful", "questionable", "lousy", "shoddy", "subpar", "sub-par", "incorrect", "faulty", "mistaken",
        "false", "dubious", "horrible");

    private static readonly HashSet<string> QuestioningWords = Words.Set("never", "not", "symptom", "symptoms", "starting", "label", "myth", "rarely");
    private static readonly HashSet<string> ThanksWords = Words.Set("thanks", "thank", "kudos");
    private static readonly HashSet<string> LearningWords = Words.Set("learn", "learning", "learned", "learnt");
    private static readonly HashSet<string> ModalWords = Words.Set("could", "would", "will", "can", "may", "might");
    private static readonly HashSet<string> NowWord = Words.Set("now");
    private static readonly HashSet<string> NotWord = Words.Set("not");
    private static readonly HashSet<string> ConsequenceWords = Words.Set("would", "could", "should", "wouldn't", "couldn't", "shouldn't", "have", "avoided", "prevented");
    private static readonly HashSet<string> DenialWords = Words.Set("nobody", "no-one", "not");
    private static readonly HashSet<string> LookedWords = Words.Set("seemed", "seems", "seem", "looked", "looks");
    private static readonly HashSet<string> ForeseeingWords = Words.Set("should", "could", "should've", "could've", "must", "easy", "obviously");
    private static readonly HashSet<string> SeemingWords = Words.Set(
        "seemed", "seems", "seem", "looked", "looks", "thought", "expected", "assumed", "appeared", "believed", "felt", "hoped", "figured", "sounded",
        "estimated", "planned", "intended", "meant", "supposed");
    private static readonly HashSet<string> Articles = Words.Set("the", "a", "an", "our", "their", "one");
    private static readonly HashSet<string> BeHave = Words.Set("be", "been", "have", "being");
    private static readonly HashSet<string> IfWords = Words.Set("if", "unless");
    private static readonly HashSet<string> LaterWords = Words.Set("later", "longer", "sooner");
    private static readonly HashSet<string> ShouldWords = Words.Set("should", "ought", "could");

    public const string TemplateHeading = "root-cause.template";

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
        On(["missed", "misses"], Missed);
        On(["follow", "followed", "adopt", "adopted", "heed", "heeded", "read"], DidNotFollow);
        On(["think", "thought", "thinking"], DidNotThink);
        On(["nobody", "no-one", "noone"], NobodyNoticed);
        On(["why"], WhyNot);
        On(["late", "belatedly", "slow"], TooLate);
        On(["never"], NeverDone);
        On(["one"], (c, i) =>
        {
            if (c.Is(c.Prev(i), "no"))
            {
                NobodyNoticed(c, i);
            }
        });

        // root-cause
        On(["root", "root-cause", "root-causes", "root-caused", "root-causing", "rootcause"], RootCause);
        On(["rca", "rcas"], (c, i) => RootCauseAt(c, i, i, "root-cause.rca"));
        On(["cause", "causes"], SingleCause);
        On(["caused"], CausedTheOutage);
        On(["reason"], SingleReason);
        On(["culprit", "culprits"], (c, i) =>
        {
            // "the primary culprit was a cron job": one thing singled out, often fairly; worth a second look.
            if (c.IsAny(c.Prev(i), "main", "primary", "real", "only", "sole", "single", "biggest", "chief", "ultimate"))
            {
                c.Note(Category.RootCause, "root-cause.single-cause", c.Prev(i), i);
            }
        });
        On(["due"], AllDueTo);
        On(["whys"], FiveWhys);

        // blame
        On(["error", "errors", "misunderstanding", "misunderstandings", "misconfiguration", "misjudgement", "misjudgment"], PersonError);
        On(JudgingWords, (c, i) =>
        {
            // "lazy loading", "later lazy DB lookups": a term of the trade. "Lazy" judges only when it is said of
            // people or of their work ("we were lazy", "a lazy review").
            if (c.IsAny(i, "lazy", "lazily") && (c.IsAny(c.Next(i), "loading", "loaded", "load", "loads", "evaluation", "evaluated", "initialization", "initialisation", "initialized", "initialised", "init", "continuation", "continuations", "computed", "fetch", "fetching", "fetched", "binding", "import", "imports", "imported", "instantiation", "instantiated", "iterator", "sequence", "stream", "mode") || !LazyAboutPeople(c, i)))
            {
                return;
            }

            c.Emit(Category.Blame, "blame.judging-words", i, i);
        });
        On(["unreasonable"], (c, i) =>
        {
            // "unreasonable long detection time": a verdict on how people responded.
            if (c.IsAny(c.Next(i), "long", "slow", "late", "delay", "delays", "detection", "response"))
            {
                c.Emit(Category.Blame, "blame.judging-words", i, c.Next(i));
            }
        });
        On(["unreasonably", "unacceptably", "inexcusable", "inexcusably", "unforgivable", "unprofessional", "unprofessionally"], (c, i) => c.Emit(Category.Blame, "blame.judging-words", i, i));
        On(["rookie"], (c, i) =>
        {
            if (c.IsAny(c.Next(i), "mistake", "mistakes", "error", "errors", "move"))
            {
                c.Emit(Category.Blame, "blame.judging-words", i, c.Next(i));
            }
        });
        On(BadWords, BadPractice);
        On(["corners", "cut", "cutting"], CutCorners);
        On(["fault", "faults"], Fault);
        On(["blame", "blamed", "blames", "blaming"], BlameWord);
        On(["mistake", "mistakes", "blunder", "blunders", "screw-up", "screwup", "fail", "fiasco"], Verdict);
        On(["failure", "failures", "failing", "failings"], PeopleFailure);
        On(["messed", "screwed", "fouled", "mucked", "mess", "screw", "messing", "screwing"], MessedUp);
        On(["botched", "bungled", "fumbled"], (c, i) => c.Emit(Category.Blame, "blame.fault", i, i));
        On(["dropped", "drop", "drops", "dropping"], DroppedTheBall);
        On(Sanctions, Sanction);
        On(["held", "hold", "holds", "holding"], HeldAccountable);
        On(["responsible", "accountable"], AlwaysResponsible);

        // hindsight
        On(["obvious", "obviously"], Obvious);
        On(["clearly"], Clearly);
        On(["course"], OfCourse);
        On(["plain", "easy"], PlainToSee);
        On(["predictably", "predictable", "foreseeable", "inevitably", "inevitable", "avoidable", "preventable"], Foreseeable);
        On(["hindsight", "retrospect"], Hindsight);
        On(["needless"], NeedlessToSay);
        On(["looking"], LookingBack);
        On(["knows", "knew", "know"], EveryoneKnows);
        On(["any"], AnyReasonablePerson);
        On(["known"], ShouldHaveKnown);
        On(["been"], ShouldHaveBeenClear);
        On(["coming"], SeenItComing);

        // minimizing
        On(["just"], Just);
        On(["simply", "merely"], Simply);
        On(["only"], OnlyHadTo);
        On(["all"], AllTheyHadToDo);
        On(["easy", "easily", "trivial", "trivially", "no-brainer"], Easy);
        On(["simple"], Simple);

        return table.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    // ---- counterfactual -------------------------------------------------------------------------

    /// <summary>A regular (-ed) or irregular past participle: "have rolled", "have known"; not "have alerting", "have tests".</summary>
    private static bool IsParticiple(RuleContext c, int j) =>
        c.IsWord(j) && !c.In(j, Words.NotParticiples) && (c.In(j, IrregularParticiples) || (c.EndsWith(j, "ed") && c.Span(j).Length > 3) || c.EndsWith(j, "en"));

    private static void ModalPerfect(RuleContext c, int i)
    {
        var span = c.Span(i);
        var modal = span.ToString().Replace('’', '\'').ToLowerInvariant();
        int have;
        var inverted = false;
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

            // "could of course", "could of the": not a misspelt "could have".
            if (c.Is(j, "of") && !IsParticiple(c, c.Next(j)))
            {
                return;
            }

            if (!c.IsAny(j, "have", "'ve", "of"))
            {
                // A question: "Could a diff have made us aware?", "Should we have paged?"
                if (c.ClauseStart(i) != i || c.InHeading(i))
                {
                    return;
                }

                var question = j;
                for (var n = 0; n < 7 && j >= 0 && !c.IsAny(j, "have", "'ve"); n++)
                {
                    j = c.Next(j);
                }

                if (!c.IsAny(j, "have", "'ve") || j == c.Next(i))
                {
                    // Written in a hurry, without "have": "Could a diff between the configs made us aware?"
                    var skipped = WithoutHave(c, i, question);
                    if (skipped >= 0)
                    {
                        c.Emit(Category.Counterfactual, "counterfactual.modal-perfect", i, skipped);
                    }

                    return;
                }

                inverted = true;
            }

            have = j;
        }

        var participle = c.NextSkipping(have, Words.Adverbs, 2);
        if (participle < 0 || !IsParticiple(c, participle))
        {
            return;
        }

        modal = modal.Replace("n't", "", StringComparison.Ordinal);
        var aboutPeople = inverted || c.HasPersonSubject(i);
        var passive = c.Is(participle, "been") && IsParticiple(c, c.NextSkipping(participle, Words.Adverbs, 1));
        // "This could have been avoided", "it would not have happened": about the incident, whoever the subject.
        // "The new scanner would have detected these files" is what a tool would do, and "would not have
        // prevented anyone from …" is the limit of a measure: both mechanisms.
        var subject = c.SubjectOf(i);
        var aboutTheIncident = passive || subject < 0 || c.IsAny(subject, "it", "this", "that", "which") || c.In(subject, IncidentNouns);
        var prevented = aboutTheIncident && !FromAfter(c, participle)
            && (c.In(participle, PreventedParticiples) || (passive && c.In(c.NextSkipping(participle, Words.Adverbs, 1), PreventedParticiples)));
        var counterfactual = modal switch
        {
            // "The alert should have fired at 10:02" is what the system was meant to do; "the bug should have
            // been caught in review" is about people, in the passive.
            "should" or "ought" => aboutPeople || (passive && c.In(c.NextSkipping(participle, Words.Adverbs, 1), PeopleParticiples)),
            // "any page they opened would have been logged", "the spike could have come from the batch job":
            // a mechanism or a guess about what happened, worth checking, not a judgement.
            _ => aboutPeople || prevented || ImaginedPastBefore(c, i),
        };

        if (!counterfactual || IsThankful(c, i))
        {
            return;
        }

        c.Emit(Category.Counterfactual, "counterfactual.modal-perfect", i, participle);
    }

    private static readonly HashSet<string> SeeingToIt = Words.Set(
        "made", "caught", "prevented", "avoided", "helped", "alerted", "warned", "told", "shown", "showed", "stopped", "noticed", "detected",
        "spotted", "saved", "given", "gave");

    /// <summary>A question that opens with a modal and has a past form where "have" + participle belongs.</summary>
    private static int WithoutHave(RuleContext c, int modal, int from)
    {
        if (!c.IsAny(modal, "could", "would", "should", "might") || !EndsWithQuestionMark(c, modal))
        {
            return -1;
        }

        for (int j = from, n = 0; j >= 0 && n < 7; j = c.Next(j), n++)
        {
            // "Could you share the dashboard that made this visible?" is a request about now.
            if (c.IsAny(j, "you", "that", "which", "who", "to", "and", "please"))
            {
                return -1;
            }

            if (c.In(j, SeeingToIt))
            {
                return j;
            }
        }

        return -1;
    }

    private static bool EndsWithQuestionMark(RuleContext c, int i)
    {
        var end = c.Tokens[c.SentenceEnd(i)];
        var after = c.Text.AsSpan(end.Start + end.Length).TrimStart(" \t*_)\"'");
        return !after.IsEmpty && after[0] == '?';
    }

    /// <summary>"prevented anyone from downloading": the limit of a measure, not a missed step.</summary>
    private static bool FromAfter(RuleContext c, int participle)
    {
        for (int j = c.Next(participle), n = 0; j >= 0 && n < 4; j = c.Next(j), n++)
        {
            if (c.Is(j, "from"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// "If the alert had been routed …, the page would have reached us": the consequence of an imagined past.
    /// "If a user had the extension installed, any page would have been logged" is a condition on facts
    /// (had = owned), so the modal after it is about a mechanism.
    /// </summary>
    private static bool ImaginedPastBefore(RuleContext c, int i)
    {
        for (var j = c.LastBefore(i - 1, IfWords); j >= 0; j = c.LastBefore(j - 1, IfWords))
        {
            for (var k = c.Next(j); k >= 0 && k < i && k <= j + 8; k = c.Next(k))
            {
                if ((c.IsAny(k, "had", "hadn't") || c.EndsWith(k, "'d")) && IsParticiple(c, c.NextSkipping(k, Words.Adverbs, 2)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>"It could have been much worse", "I couldn't have done it without their help": gratitude, not a verdict.</summary>
    private static bool IsThankful(RuleContext c, int i)
    {
        if (c.SentenceHas(i, Thankful))
        {
            return true;
        }

        // "we could have noticed it much later"
        for (var j = c.LastBefore(c.SentenceEnd(i), LaterWords); j > i; j = c.LastBefore(j - 1, LaterWords))
        {
            if (c.IsAny(j - 1, "much", "far", "even", "lot", "way"))
            {
                return true;
            }
        }

        return false;
    }

    private static void ContractedWouldHave(RuleContext c, int i)
    {
        var have = c.Next(i);
        var participle = c.NextSkipping(have, Words.Adverbs, 2);
        if (c.Is(have, "have") && IsParticiple(c, participle) && !IsThankful(c, i))
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
        if (clauseStart && (c.In(next, Subjectish) || c.IsPerson(next)) && !c.Is(next, "to") && !c.InHeading(i))
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
                // "to see if anything had been exploited", "checked whether": a question about what happened.
                if (c.In(c.Prev(j), AskingVerbs) || c.In(c.Prev(c.Prev(j)), AskingVerbs) || IsThankful(c, i))
                {
                    return;
                }

                var after = c.NextSkipping(i, Words.Adverbs, 2);
                if (after >= 0 && IsParticiple(c, after))
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
        if (c.Is(next, "only") && !c.In(c.Prev(i), AskingVerbs))
        {
            c.Emit(Category.Counterfactual, "counterfactual.imagined-condition", i, next);
        }
        else if (next >= 0 && c.IsAny(c.Next(next), "hadn't") && !c.In(c.Prev(i), AskingVerbs))
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

        // "The warning was ignored" is about people; "the namespace was ignored" is what code did.
        // "It was overlooked", "the step was forgotten": only people overlook and forget, whatever the subject.
        var byPeople = c.IsAny(i, "overlooked", "forgotten", "neglected");
        var passive = c.IsAny(c.Prev(i), "was", "were", "been", "being", "got", "is", "are") && !isFail && (byPeople || HeededThingBefore(c, c.Prev(i)));

        // "Hermes fails to relay" describes what a program does now; a name alone may be software.
        if (c.IsAny(i, "fails", "fail") && !c.In(c.Prev(i), Words.People))
        {
            return;
        }

        if (passive || c.HasPersonSubject(i))
        {
            c.Emit(Category.Counterfactual, "counterfactual.failing-to-act", i, isFail ? i + 1 : i);
        }
    }

    private static readonly HashSet<string> HeededThings = Words.Set(
        "warning", "warnings", "alert", "alerts", "alarm", "alarms", "page", "pages", "advice", "advisory", "advisories", "report", "reports",
        "request", "requests", "ticket", "tickets", "email", "emails", "message", "messages", "feedback", "concern", "concerns", "signal", "signals",
        "sign", "signs", "notice", "notices", "reminder", "reminders", "recommendation", "recommendations", "runbook", "procedure", "procedures",
        "policy", "checklist", "comment", "comments", "question", "questions", "step", "steps", "instructions", "guidance", "review", "process",
        "escalation", "escalations", "complaint", "complaints", "issue", "issues", "bug", "bugs", "vulnerability", "risk", "risks");

    /// <summary>Whether the subject before a passive "was/were/being" is something people heed (a warning, a ticket), within a few words.</summary>
    private static bool HeededThingBefore(RuleContext c, int auxiliary)
    {
        for (int j = c.Prev(auxiliary), n = 0; j >= 0 && n < 4; j = c.Prev(j), n++)
        {
            if (c.In(j, HeededThings))
            {
                return true;
            }
        }

        return false;
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

    /// <summary>"We missed the advisory", "the reviewer missed it": a person's non-action as a failing.</summary>
    private static void Missed(RuleContext c, int i)
    {
        var next = c.Next(i);
        if (c.IsAny(next, "out", "deadline", "deadlines", "window", "slo", "sla", "target") || c.IsAny(c.Prev(i), "was", "were", "been", "had", "have", "just"))
        {
            return;
        }

        if (c.HasPersonSubject(i) && next >= 0 && (c.In(next, Determiners) || c.IsAny(next, "it", "them", "that", "this", "signs", "warnings", "alerts", "alert", "warning")))
        {
            c.Emit(Category.Counterfactual, "counterfactual.failing-to-act", i, i);
            return;
        }

        // "a sign we missed", "the warnings the team missed": the missed thing named before.
        var who = c.Prev(i);
        var thing = c.Is(who, "team") || c.Is(who, "reviewer") ? c.Prev(c.Prev(who)) : c.Prev(who);
        if (c.IsPerson(who) && c.IsAny(thing, "sign", "signs", "warning", "warnings", "signal", "signals", "alert", "alerts", "clue", "clues", "hint", "hints"))
        {
            c.Emit(Category.Counterfactual, "counterfactual.failing-to-act", thing, i);
        }
    }

    private static readonly HashSet<string> Guidance = Words.Set(
        "recommendation", "recommendations", "advice", "guidance", "runbook", "runbooks", "playbook", "procedure", "procedures", "process",
        "instructions", "policy", "policies", "checklist", "steps", "guidelines", "guide", "documentation", "docs", "rules", "warnings", "warning");

    /// <summary>"Teams still haven't adopted our recommendations", "he didn't follow the runbook": someone else's non-action as a failing.</summary>
    private static void DidNotFollow(RuleContext c, int i)
    {
        var negation = c.Prev(i);
        negation = c.IsAny(negation, "yet", "really", "fully", "always", "properly", "correctly") ? c.Prev(negation) : negation;
        if (!(c.EndsWith(negation, "n't") || c.IsAny(negation, "not", "never")) || !c.HasPersonSubject(negation))
        {
            return;
        }

        for (int j = c.Next(i), n = 0; j >= 0 && n < 3; j = c.Next(j), n++)
        {
            if (c.In(j, Guidance))
            {
                c.Emit(Category.Counterfactual, "counterfactual.failing-to-act", negation, j);
                return;
            }
        }
    }

    private static readonly HashSet<string> NoticingPast = Words.Set(
        "noticed", "realised", "realized", "spotted", "caught", "checked", "verified", "tested", "reviewed", "questioned", "thought", "bothered",
        "looked", "asked", "considered", "saw");

    /// <summary>"Nobody noticed the change", "no one checked the backup": a non-action as a shared failing.</summary>
    private static void NobodyNoticed(RuleContext c, int i)
    {
        var verb = c.NextSkipping(i, Words.Adverbs, 1);
        if (!c.In(verb, NoticingPast) || c.Is(verb, "thought") || c.Is(verb, "bothered") || c.InHeading(i))
        {
            return;
        }

        var first = c.Is(i, "one") ? i - 1 : i;
        if (ExplainedBySystem(c, first))
        {
            c.Note(Category.Counterfactual, "counterfactual.failing-to-act", first, verb);
        }
        else
        {
            c.Emit(Category.Counterfactual, "counterfactual.failing-to-act", first, verb);
        }
    }

    /// <summary>
    /// "No alert was set up, so nobody noticed": the not-noticing follows from a condition of the system the
    /// sentence has just named, which is the explanation a review wants. When people are named before it
    /// ("nobody was watching, so nobody noticed") it stays a failing.
    /// </summary>
    private static bool ExplainedBySystem(RuleContext c, int first)
    {
        if (!c.IsAny(c.Prev(first), "so", "therefore", "thus", "hence", "consequently"))
        {
            return false;
        }

        for (var j = c.SentenceStart(first); j < first - 1; j++)
        {
            if (c.IsPerson(j))
            {
                return false;
            }
        }

        return true;
    }

    private static readonly HashSet<string> CatchingVerbs = Words.Set(
        "caught", "catch", "noticed", "notice", "detected", "detect", "spotted", "spot", "found", "find", "prevented", "prevent", "tested",
        "test", "reviewed", "review", "checked", "check", "flagged", "flag", "escalated", "escalate", "raised", "raise", "reported", "report",
        "alerted", "alert", "paged", "page", "declared", "declare", "reverted", "revert", "fixed", "fix", "stopped", "stop", "seen", "see",
        "monitored", "monitor", "verified", "verify", "validated", "validate", "considered", "consider", "communicated", "communicate");

    /// <summary>
    /// "Why wasn't this caught before it reached prod?", "why didn't we notice sooner?": a question about a
    /// step that did not happen, which assumes it should have. In a template's heading it is a note about the template.
    /// </summary>
    private static void WhyNot(RuleContext c, int i)
    {
        var auxiliary = c.Next(i);
        if (!c.IsAny(auxiliary, "wasn't", "weren't", "didn't", "hasn't", "haven't", "hadn't", "isn't", "aren't", "wasnt", "werent", "didnt", "was", "were", "did", "has", "have", "had", "is", "are"))
        {
            return;
        }

        var negated = c.EndsWith(auxiliary, "n't") || c.EndsWith(auxiliary, "nt");
        for (int j = c.Next(auxiliary), n = 0; j >= 0 && n < 5; j = c.Next(j), n++)
        {
            if (c.IsAny(j, "not", "never"))
            {
                negated = true;
            }
            else if (negated && c.In(j, CatchingVerbs))
            {
                if (c.InHeading(i))
                {
                    c.Note(Category.Counterfactual, "counterfactual.why-not", i, j);
                }
                else
                {
                    c.Emit(Category.Counterfactual, "counterfactual.why-not", i, j);
                }

                return;
            }
        }
    }

    private static readonly HashSet<string> RespondingVerbs = Words.Set(
        "declared", "escalated", "paged", "responded", "reacted", "acted", "called", "raised", "reported", "communicated", "notified", "informed",
        "involved", "engaged", "rolled", "reverted", "announced", "alerted", "escalate", "declare", "page", "respond", "react", "act", "call",
        "raise", "report", "communicate", "notify", "inform", "involve", "engage", "roll", "revert", "announce", "alert");

    private static readonly HashSet<string> DetectingVerbs = Words.Set(
        "noticed", "detected", "spotted", "discovered", "found", "caught", "identified", "recognised", "recognized", "notice", "detect", "spot",
        "discover", "find", "catch", "identify", "recognise", "recognize", "realise", "realize", "realised", "realized", "understand", "understood");

    /// <summary>
    /// "The incident was declared late", "we escalated too late", "slow to page": timing measured against a
    /// moment that is only plain afterwards. Detection ("the issue was noticed late") is a softer note,
    /// since systems detect too.
    /// </summary>
    private static void TooLate(RuleContext c, int i)
    {
        int verb;
        if (c.Is(i, "slow"))
        {
            // "was slow to escalate"
            if (!c.Is(c.Next(i), "to"))
            {
                return;
            }

            verb = c.Next(c.Next(i));
        }
        else
        {
            // "declared late", "declared too late", "belatedly declared"
            if (c.Is(i, "late") && c.IsAny(c.Next(i), "at", "in", "on", "that", "evening", "night", "afternoon", "morning", "friday", "hours", "shift", "stage", "stages", "binding", "arrivals", "arriving", "fees", "payment", "-"))
            {
                return;
            }

            var before = c.Prev(i);
            before = c.IsAny(before, "too", "very", "rather", "quite", "somewhat", "so", "fairly", "pretty", "bit") ? c.Prev(before) : before;
            before = c.Is(before, "a") ? c.Prev(before) : before;
            verb = c.Is(i, "belatedly") ? c.Next(i) : before;
        }

        if (verb < 0)
        {
            return;
        }

        var first = Math.Min(i, verb);
        var last = Math.Max(i, verb);
        if (c.In(verb, RespondingVerbs))
        {
            c.Emit(Category.Counterfactual, "counterfactual.too-late", first, last);
        }
        else if (c.In(verb, DetectingVerbs))
        {
            c.Note(Category.Counterfactual, "counterfactual.too-late", first, last);
        }
    }

    private static readonly HashSet<string> CheckedParticiples = Words.Set(
        "tested", "reviewed", "checked", "verified", "validated", "noticed", "caught", "considered", "questioned", "documented", "communicated",
        "escalated", "reported", "monitored", "followed", "read");

    /// <summary>"The change was never tested", "it was never reviewed": a step nobody took, worth a second look at why.</summary>
    private static void NeverDone(RuleContext c, int i)
    {
        var participle = c.Next(i);
        if (c.In(participle, CheckedParticiples) && c.IsAny(c.Prev(i), "was", "were", "been", "got") && !c.InHeading(i))
        {
            c.Note(Category.Counterfactual, "counterfactual.failing-to-act", i, participle);
        }
    }

    /// <summary>"didn't think to check", "without thinking through the risks", "never thought about".</summary>
    private static void DidNotThink(RuleContext c, int i)
    {
        var prev = c.Prev(i);
        var next = c.Next(i);
        if (c.Is(i, "thinking") && c.Is(prev, "without"))
        {
            c.Emit(Category.Counterfactual, "counterfactual.failing-to-act", prev, i);
            return;
        }

        var negated = prev >= 0 && (c.EndsWith(prev, "n't") || c.IsAny(prev, "not", "never", "nobody"));
        if (negated && c.IsAny(next, "to", "about", "through", "of", "twice") && !c.Is(i, "thinking") && (c.HasPersonSubject(prev) || c.IsAny(prev, "nobody")))
        {
            c.Emit(Category.Counterfactual, "counterfactual.failing-to-act", prev, next);
        }
    }

    private static void InsteadOfShould(RuleContext c, int i)
    {
        if (!c.Is(c.Next(i), "of"))
        {
            return;
        }

        if (c.LastBefore(c.SentenceEnd(i), ShouldWords) > i + 1)
        {
            c.Emit(Category.Counterfactual, "counterfactual.instead-of", i, i + 1);
            return;
        }

        // "Sam restarted it with the old command instead of the new one": a person's action set beside the
        // right one. A choice ("we chose X instead of Y") is a decision worth describing, so it is left alone.
        // Quotes and code end a run of words, so walk the sentence's tokens rather than word to word.
        for (int j = i - 1, n = 0; j >= c.SentenceStart(i) && n < 12; j--, n++)
        {
            if (c.In(j, DoingVerbs))
            {
                if (c.HasPersonSubject(j) && !c.IsAny(c.SubjectOf(j), "we", "i"))
                {
                    c.Note(Category.Counterfactual, "counterfactual.instead-of", i, i + 1);
                }

                return;
            }
        }
    }

    private static readonly HashSet<string> DoingVerbs = Words.Set(
        "ran", "restarted", "re-started", "started", "typed", "entered", "executed", "deployed", "merged", "pushed", "applied", "deleted", "removed",
        "clicked", "pressed", "selected", "edited", "changed", "updated", "installed", "upgraded", "rebooted", "restored", "copied", "pasted",
        "targeted", "dropped", "killed", "stopped", "configured", "set", "wrote", "committed", "approved", "invoked", "called");

    // ---- root-cause -----------------------------------------------------------------------------

    /// <summary>In a heading or a template's label, root-cause talk is a remark about the template, once per document.</summary>
    private static void RootCauseAt(RuleContext c, int first, int last, string rule)
    {
        if (c.InHeading(first))
        {
            c.Note(Category.RootCause, TemplateHeading, first, last);
        }
        else if (c.SentenceHas(first, ThanksWords))
        {
            c.Note(Category.RootCause, rule, first, last);
        }
        else
        {
            c.Emit(Category.RootCause, rule, first, last);
        }
    }

    private static void RootCause(RuleContext c, int i)
    {
        // "operator error is never a root cause": an argument against the framing, not an instance of it.
        // "was not the root cause" still looks for the one cause; "never a root cause", "no root cause" question it.
        var before = c.Prev(i);
        before = c.IsAny(before, "a", "one", "single") ? c.Prev(before) : before;
        if (c.IsAny(before, "never", "not", "no", "isn't", "aren't", "wasn't"))
        {
            var last = c.Is(i, "root") && c.IsAny(c.Next(i), "cause", "causes") ? c.Next(i) : i;
            c.Note(Category.RootCause, "root-cause.root-cause", i, last);
            return;
        }

        if (c.Is(i, "root"))
        {
            var next = c.Next(i);
            if (c.IsAny(next, "cause", "causes", "caused", "causing", "causal", "causation"))
            {
                RootCauseAt(c, i, next, "root-cause.root-cause");
            }

            return;
        }

        RootCauseAt(c, i, i, "root-cause.root-cause");
    }

    private static void SingleCause(RuleContext c, int i)
    {
        var prev = c.Prev(i);
        if (prev >= 0 && c.In(prev, CauseAdjectives) && !(c.Is(prev, "one") && (c.IsAny(c.Next(i), "of") || !c.IsAny(c.Prev(prev), "the", "only"))))
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

    private static readonly HashSet<string> WholeIncident = Words.Set(
        "incident", "outage", "outages", "downtime", "disruption", "breach", "incidents");

    private static readonly HashSet<string> SharedCause = Words.Set(
        "partly", "partially", "part", "combination", "several", "multiple", "contributed", "contributing", "factor", "factors", "among",
        "along", "together", "both", "compounded", "worsened", "amplified", "also", "mainly", "largely");

    /// <summary>
    /// "The outage was caused by that bug": the whole incident, as the topic of the sentence, put down to one
    /// thing. The verb alone is how mechanisms are told ("the spike caused the queue to back up", "the
    /// check, which caused this outage"), so only this shape counts, and only as a note.
    /// </summary>
    private static void CausedTheOutage(RuleContext c, int i)
    {
        var prev = c.Prev(i);
        if (!c.Is(c.Next(i), "by") || !c.IsAny(prev, "was", "were", "is"))
        {
            return;
        }

        var incident = c.Prev(prev);
        incident = c.IsAny(incident, "entire", "whole") ? c.Prev(incident) : incident;
        var determiner = c.Prev(incident);
        if (!c.In(incident, WholeIncident) || !c.IsAny(determiner, "the", "this", "that", "our", "an") || c.ClauseStart(determiner) != determiner)
        {
            return;
        }

        if (!c.SentenceHas(i, SharedCause) && !c.InHeading(i))
        {
            c.Note(Category.RootCause, "root-cause.single-cause", incident, i);
        }
    }

    /// <summary>"The reason for the outage was …", "the only reason".</summary>
    private static void SingleReason(RuleContext c, int i)
    {
        var prev = c.Prev(i);
        if (c.IsAny(prev, "only", "sole", "single", "real", "main", "one") && c.Is(c.Prev(prev), "the"))
        {
            c.Emit(Category.RootCause, "root-cause.single-cause", prev, i);
            return;
        }

        var of = c.Next(i);
        if (c.Is(prev, "the") && c.IsAny(of, "for", "behind", "of"))
        {
            var noun = c.Is(c.Next(of), "the") || c.Is(c.Next(of), "this") ? c.Next(c.Next(of)) : c.Next(of);
            if (c.In(noun, IncidentNouns) && c.IsAny(c.Next(noun), "was", "is"))
            {
                c.Emit(Category.RootCause, "root-cause.single-cause", prev, c.Next(noun));
            }
        }
    }

    /// <summary>"All of the errors were due to missing tests", "entirely due to": one cause for everything.</summary>
    private static void AllDueTo(RuleContext c, int i)
    {
        if (!c.Is(c.Next(i), "to"))
        {
            return;
        }

        var prev = c.Prev(i);
        if (c.IsAny(prev, "entirely", "solely", "purely", "wholly", "only", "simply", "all", "completely", "exclusively"))
        {
            c.Emit(Category.RootCause, "root-cause.single-cause", prev, i + 1);
            return;
        }

        // "All (of) the errors were due to …"
        var start = c.SentenceStart(i);
        if (c.Is(start, "all") && i - start <= 6 && c.IsAny(prev, "were", "was", "are", "is"))
        {
            c.Emit(Category.RootCause, "root-cause.single-cause", start, i + 1);
        }
    }

    private static void FiveWhys(RuleContext c, int i)
    {
        var prev = c.Prev(i);
        if (c.IsAny(prev, "five", "5"))
        {
            RootCauseAt(c, prev, i, "root-cause.five-whys");
        }
    }

    // ---- blame ----------------------------------------------------------------------------------

    private static void PersonError(RuleContext c, int i)
    {
        var prev = c.Prev(i);
        var next = c.Next(i);
        if (c.IsAny(prev, "human", "operator", "pilot", "user", "engineer", "developer", "admin", "administrator", "personnel", "staff", "customer")
            && !c.IsAny(next, "rate", "rates", "page", "pages", "message", "messages", "code", "codes", "count", "counts", "budget", "log", "logs", "handling", "response", "responses", "path", "dialog"))
        {
            // "Operator error is never a root cause", "any operator error is a symptom of …", "not human error":
            // the label questioned, which is what a review wants.
            var after = c.Next(i);
            var questioned = c.IsAny(c.Prev(prev), "no", "not", "never", "any", "blaming")
                || (c.IsAny(after, "is", "are", "was", "isn't", "wasn't") && (c.EndsWith(after, "n't") || c.IsAny(c.Next(after), "never", "not", "rarely", "merely", "only", "a", "just") && c.SentenceHas(i, QuestioningWords)));
            if (questioned)
            {
                c.Note(Category.Blame, "blame.human-error", prev, i);
            }
            else
            {
                c.Emit(Category.Blame, "blame.human-error", prev, i);
            }

            return;
        }

        // "copy-paste errors by the user", "a misunderstanding on the engineer's part", "our misunderstanding".
        var by = next;
        if (c.IsAny(by, "by", "from", "of", "on"))
        {
            var who = c.NextSkipping(by, Articles, 2);
            if (c.IsPerson(who) && !c.IsAny(who, "who", "one"))
            {
                c.Emit(Category.Blame, "blame.human-error", i, who);
                return;
            }
        }

        if (!c.IsAny(i, "error", "errors") && (c.IsAny(prev, "our", "my", "their", "his", "her", "your") || c.IsPerson(prev)))
        {
            c.Emit(Category.Blame, "blame.human-error", prev, i);
        }
    }

    private static bool LazyAboutPeople(RuleContext c, int i)
    {
        var next = c.Next(i);
        return c.IsPerson(next) || c.In(next, JudgedPractices) || c.IsAny(next, "fix", "review", "reviews", "approach", "shortcut", "hack", "testing", "mistake")
            || c.IsPerson(c.Prev(i)) || c.IsAny(c.Prev(i), "was", "were", "being", "been", "too", "so", "plain", "just", "am", "are", "is", "got", "getting");
    }

    /// <summary>"bad ops practices", "a poor decision", "an incorrect assumption", a step marked "BAD".</summary>
    private static void BadPractice(RuleContext c, int i)
    {
        if (c.Span(i).SequenceEqual("BAD") && c.Count > 1)
        {
            c.Emit(Category.Blame, "blame.judging-words", i, i);
            return;
        }

        var j = c.Next(i);
        for (var n = 0; n < 2 && j >= 0; n++, j = c.Next(j))
        {
            if (c.In(j, JudgedPractices))
            {
                // "wrong call" can be a phone call or a function call; only practices and decisions of people.
                if (c.IsAny(j, "call", "calls", "work", "job", "engineering") && !c.IsAny(i, "bad", "poor", "wrong", "terrible", "awful", "lousy", "shoddy"))
                {
                    return;
                }

                if (c.IsAny(j, "call", "calls") && c.IsAny(c.Next(j), "to", "stack", "site", "path", "graph"))
                {
                    return;
                }

                c.Emit(Category.Blame, "blame.judging-words", i, j);
                return;
            }
        }
    }

    /// <summary>"corners were cut", "cutting corners".</summary>
    private static void CutCorners(RuleContext c, int i)
    {
        if (c.Is(i, "corners"))
        {
            if (c.IsAny(c.Prev(i), "cut", "cutting", "cuts"))
            {
                c.Emit(Category.Blame, "blame.judging-words", i - 1, i);
            }
            else if (c.IsAny(c.Next(i), "were", "was", "are", "being", "got") && c.IsAny(c.Next(c.Next(i)), "cut"))
            {
                c.Emit(Category.Blame, "blame.judging-words", i, c.Next(c.Next(i)));
            }
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
        if (c.IsAny(c.Next(i), "aware", "awareness", "culture", "game", "free", "less", "lessness", "-free", "-aware"))
        {
            return;
        }

        // "no one is to blame", "not about blame": saying there is none is the point of a review.
        var prev = c.Prev(i);
        if (c.IsAny(prev, "no", "not", "without", "avoid", "avoiding") || (c.Is(prev, "to") && c.IsAny(c.Prev(prev) - 1, "no", "nobody", "noone", "one")) || c.SentenceHasBefore(i, DenialWords))
        {
            return;
        }

        c.Emit(Category.Blame, "blame.fault", c.Is(prev, "to") ? i - 1 : i, i);
    }

    /// <summary>
    /// "a massive mistake", "Pat made a mistake", "an epic fail": a verdict on what someone did. Kind words
    /// around it ("an honest mistake", "learn from mistakes") make it a softer note.
    /// </summary>
    private static void Verdict(RuleContext c, int i)
    {
        var prev = c.Prev(i);
        var isFail = c.IsAny(i, "fail");
        if (isFail && (!c.IsAny(prev, "a", "an", "massive", "epic", "big", "huge", "total", "complete", "major", "utter") || c.Is(c.Next(i), "to")))
        {
            return;
        }

        // "deleted by mistake": said what happened, without a verdict on anyone.
        if (c.IsAny(prev, "by", "no", "without"))
        {
            return;
        }

        for (var j = i - 1; j >= i - 4 && c.IsWord(j); j--)
        {
            if (c.IsAny(j, "made", "make", "makes", "making"))
            {
                c.Emit(Category.Blame, "blame.fault", j, i);
                return;
            }
        }

        // A verdict: "was a (massive) mistake", "our mistake", "mistakes were made", "a costly mistake".
        // "a file with a mistake in it", "an honest mistake", "learn from mistakes" describe rather than judge.
        var adjective = prev >= 0 && !c.In(prev, Determiners) && !c.In(prev, Copulas) ? prev : -1;
        var determiner = adjective >= 0 ? c.Prev(adjective) : prev;
        var judged = c.IsAny(prev, "our", "my", "their", "his", "her", "your", "whose") || c.EndsWith(prev, "'s")
            || c.In(c.Prev(determiner), Copulas) || (c.IsAny(c.Next(i), "were", "was") && c.Is(c.Next(c.Next(i)), "made"))
            || c.IsAny(adjective, "massive", "huge", "big", "serious", "major", "costly", "unfortunate", "terrible", "grave", "critical", "fatal", "stupid", "classic", "fundamental", "clear", "obvious", "epic", "total", "complete", "bad", "basic", "silly", "dumb", "avoidable");
        // "a mistake in the upgrade logic" is where a bug sits; "a mistake in setting up the pool" judges what someone did.
        var inAThing = c.Is(c.Next(i), "in") && !c.EndsWith(c.Next(c.Next(i)), "ing");
        if (!judged || inAThing || c.In(adjective, MistakeAdjectivesKind) || c.SentenceHasBefore(i, LearningWords) || c.InHeading(i))
        {
            c.Note(Category.Blame, "blame.verdict", adjective >= 0 ? adjective : i, i);
            return;
        }

        c.Emit(Category.Blame, "blame.verdict", adjective >= 0 ? adjective : i, i);
    }

    /// <summary>"review failure", "human failure", "a failure of leadership": people's work as the failed part.</summary>
    private static void PeopleFailure(RuleContext c, int i)
    {
        var prev = c.Prev(i);
        if (c.In(prev, PeopleFailures))
        {
            c.Emit(Category.Blame, "blame.verdict", prev, i);
            return;
        }

        if (c.Is(c.Next(i), "of") && c.In(c.Next(i + 1), PeopleFailures))
        {
            c.Emit(Category.Blame, "blame.verdict", i, i + 2);
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

    /// <summary>"Teams are always responsible for …", "ultimately accountable": responsibility as a verdict, not a fact of who owns what.</summary>
    private static void AlwaysResponsible(RuleContext c, int i)
    {
        var prev = c.Prev(i);
        if (c.IsAny(prev, "always", "ultimately", "solely", "fully", "entirely", "personally", "directly", "squarely", "wholly") && c.HasPersonSubject(prev))
        {
            c.Emit(Category.Blame, "blame.fault", prev, i);
        }
    }

    // ---- hindsight ------------------------------------------------------------------------------

    /// <summary>
    /// Whether the clause after <paramref name="i"/> tells the past ("the cache was stale", "the config change
    /// was going to break routing"): then "obviously" or "of course" claims the outcome was plain. In the
    /// present or future ("of course we will share what we learn"), it is everyday filler.
    /// </summary>
    private static bool TellsThePast(RuleContext c, int i)
    {
        // The verb nearest before it in its clause ("the cache was obviously stale"), else the first after it.
        for (var j = i - 1; j >= c.ClauseStart(i) && j >= i - 3; j--)
        {
            if (Tense(c, j) is { } before)
            {
                return before;
            }
        }

        for (int j = i + 1, end = Math.Min(c.SentenceEnd(i), i + 8); j <= end; j++)
        {
            if (Tense(c, j) is { } after)
            {
                return after;
            }
        }

        return false;
    }

    private static readonly HashSet<string> PastVerbs = Words.Set(
        "was", "were", "wasn't", "weren't", "had", "hadn't", "did", "didn't", "would", "went", "ran", "broke", "came", "got", "knew", "saw",
        "took", "fell", "made", "became", "began", "caught", "found", "left", "lost", "put", "set", "told", "thought", "kept", "led", "hit");

    private static readonly HashSet<string> PresentVerbs = Words.Set(
        "is", "are", "am", "isn't", "aren't", "will", "won't", "do", "does", "don't", "doesn't", "can", "can't", "cannot", "want", "wants",
        "need", "needs", "apologise", "apologize", "apologises", "apologizes", "hope", "believe", "think", "has", "have", "must", "should",
        "may", "might", "could", "shall", "plan", "intend", "take", "make", "keep", "remain", "remains", "welcome", "thank", "appreciate",
        "regret", "understand", "know", "expect", "continue", "continues", "recommend", "encourage", "share", "let");

    /// <summary>True for a past-tense verb, false for a present or future one, null for a word that is not a verb we can tell.</summary>
    private static bool? Tense(RuleContext c, int j)
    {
        if (c.In(j, PastVerbs))
        {
            return true;
        }

        if (c.In(j, PresentVerbs))
        {
            return false;
        }

        return c.EndsWith(j, "ed") && c.Span(j).Length > 3 && !c.IsAny(j, "need", "needed", "indeed", "speed", "feed", "seed", "proceed", "succeed", "exceed", "affected", "related", "based", "used", "expected", "involved", "required", "concerned", "interested", "detailed", "limited", "dedicated", "distributed")
            ? true
            : null;
    }

    private static void Obvious(RuleContext c, int i)
    {
        var prev = c.Prev(i);
        var next = c.Next(i);
        if (prev >= 0 && (c.In(prev, Words.Negations) || c.EndsWith(prev, "n't") || c.IsAny(prev, "far", "less", "least")))
        {
            return;
        }

        if (c.Is(prev, "so") && c.EndsWith(prev - 1, "n't"))
        {
            return;
        }

        if (c.Is(i, "obvious"))
        {
            // "for obvious reasons", "the obvious fix": describing a choice, not a claim about the past.
            if (c.IsAny(next, "reasons", "reason", "choice", "solution", "answer", "fix", "candidate", "way", "next", "step", "approach", "option", "question", "place", "workaround", "thing", "one", "benefit", "benefits"))
            {
                return;
            }

            if (c.IsAny(next, "mistake", "mistakes", "error", "errors", "oversight", "sign", "signs", "warning", "warnings", "problem", "flaw", "gap", "risk", "cause")
                || (c.IsAny(prev, "was", "were", "been", "is", "be") || c.IsAny(next, "that", "in", "now", "to")) && !c.SentenceHasBefore(i, LookedWords))
            {
                c.Emit(Category.Hindsight, "hindsight.obvious", i, i);
            }
            else
            {
                c.Note(Category.Hindsight, "hindsight.obvious", i, i);
            }

            return;
        }

        // "very obviously crafted to look like …": how plainly a thing showed what it was, not a claim
        // that the outcome was plain beforehand.
        if (TellsThePast(c, i) && !c.IsAny(prev, "very", "so", "quite", "rather", "most", "more", "too", "fairly", "pretty", "really"))
        {
            c.Emit(Category.Hindsight, "hindsight.obvious", i, i);
        }
        else
        {
            c.Note(Category.Hindsight, "hindsight.obvious", i, i);
        }
    }

    private static void Clearly(RuleContext c, int i)
    {
        var next = c.Next(i);
        if ((next >= 0 && c.In(next, ClearlyDescribes)) || c.IsAny(c.Prev(i), "more", "less", "very", "not", "how", "so", "as") || c.In(next, Words.Adverbs) && c.In(c.Next(next), ClearlyDescribes))
        {
            return;
        }

        // "We need to communicate clearly": a manner, after the verb.
        if (next < 0 || (c.Prev(i) >= 0 && !c.In(c.Prev(i), Copulas) && !c.In(c.Prev(i), Subjectish) && !c.IsPerson(c.Prev(i)) && !c.IsAny(c.Prev(i), "it", "this", "that", "which", "had", "has", "have")))
        {
            return;
        }

        if (TellsThePast(c, i))
        {
            c.Emit(Category.Hindsight, "hindsight.obvious", i, i);
        }
        else
        {
            c.Note(Category.Hindsight, "hindsight.obvious", i, i);
        }
    }

    private static void OfCourse(RuleContext c, int i)
    {
        if (!c.Is(c.Prev(i), "of") || c.Is(c.Next(i), "of") || c.IsAny(c.Prev(i) - 1, "change", "matter", "set", "length", "duration", "end", "rest", "remainder", "start", "middle", "part", "half"))
        {
            return;
        }

        // "Of course the cron job ran at the worst moment" claims the outcome was plain; "we will of course
        // share what we learn", "this could of course happen again" is a way of speaking.
        var first = i - 1;
        if (TellsThePast(c, i) && !c.SentenceHasBefore(first, ModalWords))
        {
            c.Emit(Category.Hindsight, "hindsight.obvious", first, i);
        }
        else
        {
            c.Note(Category.Hindsight, "hindsight.obvious", first, i);
        }
    }

    private static void PlainToSee(RuleContext c, int i)
    {
        var to = c.Next(i);
        if (c.Is(to, "to") && c.IsAny(c.Next(to), "see", "spot", "tell", "predict", "foresee", "notice"))
        {
            if (c.IsAny(c.Prev(i), "not", "never") || c.EndsWith(c.Prev(i), "n't") || c.IsAny(c.Prev(c.Prev(i)), "not") || c.SentenceHasBefore(i, NowWord))
            {
                return;
            }

            c.Emit(Category.Hindsight, "hindsight.obvious", i, c.Next(to));
        }
    }

    /// <summary>"predictably", "avoidable", "was foreseeable": the outcome as something that could be seen coming.</summary>
    private static void Foreseeable(RuleContext c, int i)
    {
        var prev = c.Prev(i);
        var next = c.Next(i);
        if (c.IsAny(next, "future", "impact", "load", "latency", "performance", "behaviour", "behavior", "output", "results", "names", "ids", "order", "schedule", "timing", "pattern")
            || (prev >= 0 && (c.In(prev, Words.Negations) || c.EndsWith(prev, "n't") || c.IsAny(prev, "less", "more"))))
        {
            return;
        }

        if (c.IsAny(i, "avoidable", "preventable") || c.In(prev, Copulas) || c.IsAny(prev, "entirely", "completely", "totally", "easily", "very", "quite"))
        {
            c.Emit(Category.Hindsight, "hindsight.foreseeable", i, i);
        }
        else
        {
            c.Note(Category.Hindsight, "hindsight.foreseeable", i, i);
        }
    }

    /// <summary>"in hindsight", "with (the benefit of) hindsight", "with 20/20 hindsight", "in retrospect"; not "hindsight bias", a term of the field.</summary>
    private static void Hindsight(RuleContext c, int i)
    {
        var prev = c.Prev(i);
        if (c.IsAny(prev, "in", "with"))
        {
            c.Emit(Category.Hindsight, "hindsight.in-hindsight", prev, i);
        }
        else if (c.IsAny(prev, "20/20", "perfect", "hindsight's") && c.IsAny(c.Prev(prev), "with", "in"))
        {
            c.Emit(Category.Hindsight, "hindsight.in-hindsight", prev - 1, i);
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

    /// <summary>"Needless to say, this would not have happened if …": the outcome as beyond question.</summary>
    private static void NeedlessToSay(RuleContext c, int i)
    {
        if (c.Is(c.Next(i), "to") && c.Is(c.Next(i + 1), "say"))
        {
            if (c.SentenceHas(i, ConsequenceWords))
            {
                c.Emit(Category.Hindsight, "hindsight.obvious", i, i + 2);
            }
            else
            {
                c.Note(Category.Hindsight, "hindsight.obvious", i, i + 2);
            }
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
        if (c.IsAny(prev, "everyone", "everybody", "anyone") && !c.IsAny(c.Prev(prev), "not", "before", "until", "if", "whether", "nor", "without") && !c.IsAny(c.Next(i), "who", "whether", "what", "how"))
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
            !(c.EndsWith(modal, "'ve") && !c.Span(modal).StartsWith("should", StringComparison.OrdinalIgnoreCase) && !c.Span(modal).StartsWith("must", StringComparison.OrdinalIgnoreCase))
            && (c.HasPersonSubject(modal) || !c.Is(modal, "to")))
        {
            c.Emit(Category.Hindsight, "hindsight.should-have-known", modal, i);
        }
    }

    private static void ShouldHaveBeenClear(RuleContext c, int i)
    {
        var adjective = c.Next(i);
        var have = c.Prev(i);
        if (c.IsAny(adjective, "clear", "apparent", "evident", "foreseen", "expected", "anticipated", "predicted", "obvious") &&
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
        if (c.IsAny(it, "it", "this", "that") && c.IsAny(seen, "seen", "see", "saw") && c.SentenceHasBefore(seen, ForeseeingWords))
        {
            c.Emit(Category.Hindsight, "hindsight.obvious", seen, i);
        }
    }

    // ---- minimizing -----------------------------------------------------------------------------
    // Minimizing is about making what people faced or did sound small. "Just", "simply" and "easy" mostly
    // describe tools, amounts or code ("lets us easily build", "more than just the account"), and ease as
    // it seemed at the time ("it seemed a simple change") is what a review wants people to say. So the
    // coach notes these only when they are about someone's effort, and then softly (info), except where
    // they judge someone else's ("all they had to do", "could have just rolled back").

    private static bool SeemedSo(RuleContext c, int i) => c.SentenceHasBefore(i, SeemingWords);

    private static void Just(RuleContext c, int i)
    {
        var prev = c.Prev(i);
        var next = c.Next(i);
        if (next < 0 || c.In(next, TemporalAfterJust) || c.In(next, NoticingVerbs) || (c.Is(next, "in") && c.Is(c.Next(next), "time")) || c.IsAny(next, "realising", "realizing", "noticing"))
        {
            return;
        }

        // "could have just rolled back": an easier-looking past someone did not take.
        if (c.IsAny(prev, "have", "of", "'ve") && c.In(c.Prev(prev), Modals) || c.EndsWith(prev, "'ve") && c.In(prev, Modals))
        {
            c.Emit(Category.Minimizing, "minimizing.merely", i, i);
            return;
        }

        // "it was just a config change": the work made small; "just a few lines" is an amount.
        if (c.In(prev, Copulas) && c.IsAny(next, "a", "an", "one") && !SeemedSo(c, i) && !c.SentenceHasBefore(i, NotWord)
            && !c.IsAny(c.Next(next), "few", "couple", "handful", "little", "bit", "single", "fraction", "minute", "second", "moment", "small"))
        {
            c.Note(Category.Minimizing, "minimizing.merely", i, i);
            return;
        }

        // "more than just the account", "just a few seconds", "just 5%": an amount or an addition.
        if (c.In(next, Determiners) || c.In(next, Words.Negations) || char.IsAsciiDigit(c.Text[c.Tokens[next].Start]) || c.IsAny(prev, "than", "not", "and", "or", "but"))
        {
            return;
        }

        // "we just restarted it", "just restart it": someone's action made to sound small.
        var person = c.HasPersonSubject(i) || (c.ClauseStart(i) == i && !c.IsCapitalised(next) && c.EndsWith(next, "ed") is false && IsImperative(c, next));
        if (person && !SeemedSo(c, i) && !c.EndsWith(next, "ing") && !c.IsAny(next, "like", "as", "so", "because", "to", "for", "in", "on", "at", "with", "by", "from", "about"))
        {
            c.Note(Category.Minimizing, "minimizing.merely", i, i);
        }
    }

    private static bool IsImperative(RuleContext c, int verb) =>
        c.IsAny(verb, "restart", "reboot", "revert", "roll", "rerun", "run", "delete", "remove", "flip", "bump", "change", "add", "update", "redeploy", "deploy", "rotate", "clear", "flush", "kill", "raise", "increase", "set", "disable", "enable", "page", "ask", "call", "use", "click", "push", "merge");

    private static void Simply(RuleContext c, int i)
    {
        var prev = c.Prev(i);
        var next = c.Next(i);
        if (next < 0 || c.In(next, EmphasisAfterSimply) || c.EndsWith(next, "n't") || SeemedSo(c, i))
        {
            return;
        }

        if (c.IsAny(prev, "have", "of", "'ve") && c.In(c.Prev(prev), Modals) || c.EndsWith(prev, "'ve") && c.In(prev, Modals))
        {
            c.Emit(Category.Minimizing, "minimizing.merely", i, i);
            return;
        }

        // "the fix was simply to raise the limit", "it was merely a restart".
        if (c.In(prev, Copulas) && (c.Is(next, "to") || c.IsAny(next, "a", "an")))
        {
            c.Note(Category.Minimizing, "minimizing.merely", i, i);
            return;
        }

        if (c.HasPersonSubject(i) && !c.In(next, Determiners) && !c.IsAny(next, "by", "as", "because", "in", "on", "at"))
        {
            c.Note(Category.Minimizing, "minimizing.merely", i, i);
        }
    }

    private static void OnlyHadTo(RuleContext c, int i)
    {
        var verb = c.Next(i);
        if (c.IsAny(verb, "had", "has", "have", "needed", "need", "needs", "required") && c.Is(c.Next(verb), "to"))
        {
            MinimizedEffort(c, i, verb + 1);
        }
        else if (c.IsAny(verb, "took", "takes", "required", "requires") && c.Next(verb) is var after && after >= 0 && !c.In(after, Determiners) && !char.IsAsciiDigit(c.Text[c.Tokens[after].Start]))
        {
            MinimizedEffort(c, i, verb);
        }
    }

    /// <summary>Someone else's effort made small is a judgement ("they only had to"); our own is a softer note ("we only had to").</summary>
    private static void MinimizedEffort(RuleContext c, int first, int last)
    {
        var who = c.Prev(first);
        if (c.IsAny(who, "we", "i", "it", "this", "that") || !c.IsPerson(who) || SeemedSo(c, first))
        {
            c.Note(Category.Minimizing, "minimizing.only-had-to", first, last);
        }
        else
        {
            c.Emit(Category.Minimizing, "minimizing.only-had-to", first, last);
        }
    }

    private static void AllTheyHadToDo(RuleContext c, int i)
    {
        var who = c.Next(i);
        var had = c.Next(who);
        var to = c.Next(had);
        if (who >= 0 && c.IsAny(had, "had", "needed", "has", "have", "need", "needs") && c.Is(to, "to") && c.Is(c.Next(to), "do"))
        {
            if (c.IsAny(who, "we", "i"))
            {
                c.Note(Category.Minimizing, "minimizing.only-had-to", i, c.Next(to));
            }
            else
            {
                c.Emit(Category.Minimizing, "minimizing.only-had-to", i, c.Next(to));
            }
        }
        else if (c.Is(who, "it") && c.IsAny(had, "took", "takes"))
        {
            c.Note(Category.Minimizing, "minimizing.only-had-to", i, had);
        }
    }

    private static void Easy(RuleContext c, int i)
    {
        var prev = c.Prev(i);
        var next = c.Next(i);
        if ((prev >= 0 && (c.In(prev, Words.Negations) || c.EndsWith(prev, "n't"))) || (c.Is(prev, "so") && c.EndsWith(prev - 1, "n't")) || SeemedSo(c, i))
        {
            return;
        }

        if (c.Is(i, "easy") && c.Is(next, "to") && c.IsAny(c.Next(next), "see", "spot", "tell", "predict", "foresee", "notice", "miss", "overlook", "confuse", "forget", "use", "read", "understand", "follow", "find", "make"))
        {
            return;
        }

        if (c.IsAny(i, "easily", "trivially"))
        {
            // "it could easily have been avoided", "easily fixed": the problem made small, after the fact.
            var verb = c.NextSkipping(i, BeHave, 2);
            if (c.In(verb, FixingVerbs))
            {
                c.Note(Category.Minimizing, "minimizing.easy", i, i);
            }

            return;
        }

        // "the rollback was trivial", "rolling back was easy", "easy to fix", "a trivial change", "a no-brainer".
        if (c.In(prev, Copulas) && (next < 0 || c.Is(next, "to") && c.In(c.Next(next), FixingVerbs) || !c.IsWord(next))
            || (c.Is(next, "to") && c.In(c.Next(next), FixingVerbs))
            || c.In(next, SimpleThings) || c.Is(i, "no-brainer"))
        {
            c.Note(Category.Minimizing, "minimizing.easy", i, next >= 0 && c.In(next, SimpleThings) ? next : i);
        }
    }

    private static void Simple(RuleContext c, int i)
    {
        var next = c.Next(i);
        if (c.IsCapitalised(i) && c.IsCapitalised(next))
        {
            return;
        }

        if (next >= 0 && c.In(next, SimpleThings) && !SeemedSo(c, i) && !c.IsAny(c.Prev(i), "not", "no"))
        {
            c.Note(Category.Minimizing, "minimizing.easy", i, next);
        }
    }
}
