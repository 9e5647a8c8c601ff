"""The built-in pack's quiz cards as they were named by place, and the keys that name them now.

Until December 2026 a scenario or key phrase card was named by its 1-based place in its file
(`ownership:scenario:3`); now by its key. The migration `m006_quiz_card_keys` renames the
review history of existing stores with this table: entry N-1 of a list is the key of the item
that was at place N. Frozen: it describes the files as they were, not as they are. It is the
migration's data, so it lives with the migrations, below the quiz.
"""

from __future__ import annotations

POSITIONAL_KEYS: dict[str, dict[str, tuple[str, ...]]] = {
    "are-right-a-lot": {
        "cloze": (
            "strong-judgment",
            "good-instincts",
            "diverse-perspectives",
            "disconfirm-beliefs",
        ),
        "scenario": (
            "product-manager-confident",
            "church-treasurer-writes",
            "supplier-fails-days",
            "hiring-panel-notices",
            "last-spring-director",
            "design-review-engineer",
            "dashboard-says-customer",
        ),
    },
    "bias-for-action": {
        "cloze": ("speed-matters", "reversible", "extensive-study", "calculated-risk-taking"),
        "scenario": (
            "support-team-lead",
            "church-hospitality-team",
            "conveyor-jams-during",
            "running-data-migration",
            "marketing-analyst-wants",
            "team-lead-must",
        ),
    },
    "customer-obsession": {
        "cloze": (
            "start-customer",
            "work-backwards",
            "earn-keep-customer-trust",
            "obsess-customers",
        ),
        "scenario": (
            "routine-support-call",
            "product-team-wants",
            "welcome-team-church",
            "rival-app-launches",
            "fund-lower-prices",
            "site-manager-told",
        ),
    },
    "deliver-results": {
        "cloze": ("key-inputs", "right-quality", "timely-fashion", "rise-occasion", "never-settle"),
        "scenario": (
            "months-deadline-youth",
            "six-weeks-launch",
            "sales-manager-stops",
            "night-holiday-rush",
            "testing-finds-app",
            "team-could-hit",
        ),
    },
    "dive-deep": {
        "cloze": (
            "operate-all-levels",
            "connected-details",
            "audit-frequently",
            "metrics-anecdote-differ",
            "task-beneath-them",
        ),
        "scenario": (
            "childrens-ministry-sign",
            "delivery-stations-dashboard",
            "finance-lead-notices",
            "during-busiest-week",
            "team-lead-wants",
            "support-team-met",
        ),
    },
    "earn-trust": {
        "cloze": (
            "listen-attentively",
            "speak-candidly",
            "treat-others-respectfully",
            "vocally-self-critical",
            "benchmark-themselves",
        ),
        "scenario": (
            "manager-spends-weeks",
            "quarterly-business-review",
            "church-planning-meeting",
            "senior-engineer-notices",
            "director-learns-metric",
            "design-review-engineer",
            "rumours-reorganisation-spreading",
        ),
    },
    "frugality": {
        "cloze": (
            "more-less",
            "constraints-breed-resourcefulness",
            "self-sufficiency",
            "extra-points",
        ),
        "scenario": (
            "support-tickets-rising",
            "youth-groups-retreat",
            "director-cancels-teams",
            "site-manager-switched",
            "small-charity-gets",
            "quarterly-review-manager",
        ),
    },
    "have-backbone-disagree-and-commit": {
        "cloze": (
            "respectfully-challenge-decisions",
            "conviction",
            "tenacious",
            "social-cohesion",
            "commit-wholly",
        ),
        "scenario": (
            "planning-meeting-junior",
            "church-board-close",
            "engineer-argued-hard",
            "team-member-notices",
            "forecast-made-turns",
            "difficult-decision-manager",
        ),
    },
    "hire-and-develop-the-best": {
        "cloze": (
            "raise-performance-bar",
            "exceptional-talent",
            "develop-leaders",
            "coaching-others",
            "career-choice",
        ),
        "scenario": (
            "warehouse-operations-manager",
            "finance-leads-strongest",
            "churchs-sound-technician",
            "newly-promoted-engineering",
            "team-hired-people",
            "director-housing-charity",
            "volunteer-coordinator-notices",
        ),
    },
    "insist-on-the-highest-standards": {
        "cloze": (
            "relentlessly-high-standards",
            "unreasonably-high",
            "raising-bar",
            "defects-do-get-sent",
            "fixed-stay-fixed",
        ),
        "scenario": (
            "developer-notices-bug",
            "packer-busy-shift",
            "editor-churchs-weekly",
            "manager-receives-planning",
            "product-owner-finds",
            "customer-support-team",
            "logistics-analyst-sees",
        ),
    },
    "invent-and-simplify": {
        "cloze": (
            "innovation-invention",
            "find-ways-simplify",
            "invented-here",
            "misunderstood-long-periods-time",
        ),
        "scenario": (
            "regional-office-every",
            "churchs-volunteer-rota",
            "engineer-spent-years",
            "team-lead-decides",
            "youth-worker-realises",
            "team-excited-routing",
            "nobody-asked-warehouse",
        ),
    },
    "learn-and-be-curious": {
        "cloze": (
            "never-done-learning",
            "improve-themselves",
            "curious-possibilities",
            "act-explore-them",
        ),
        "scenario": (
            "fifteen-years-running",
            "warehouse-associate-keeps",
            "pastor-spends-sundays",
            "team-lead-asks",
            "engineer-joins-team",
            "volunteer-food-bank",
        ),
    },
    "ownership": {
        "cloze": ("think-long-term", "long-term-value-short", "behalf-entire-company", "thats-job"),
        "scenario": (
            "dana-notices-nightly",
            "sales-manager-could",
            "evening-service-member",
            "team-lead-can",
            "engineer-finds-deployment",
            "manager-taking-every",
        ),
    },
    "strive-to-be-earths-best-employer": {
        "cloze": (
            "more-just-work-environment",
            "lead-empathy",
            "fun-work",
            "empowered",
            "personal-success",
        ),
        "scenario": (
            "warehouse-shift-lead",
            "strong-analyst-tells",
            "team-lead-realises",
            "church-same-volunteers",
            "forklift-nearly-hits",
            "team-short-staffed",
            "gruelling-quarter-manager",
        ),
    },
    "success-and-scale-bring-broad-responsibility": {
        "cloze": (
            "started-garage",
            "far-perfect",
            "secondary-effects",
            "future-generations",
            "leave-things-better-how",
        ),
        "scenario": (
            "team-planning-same",
            "packaging-engineer-learns",
            "product-manager-notices",
            "large-churchs-christmas",
            "service-outage-team",
            "company-choosing-site",
            "engineer-notices-old",
        ),
    },
    "think-big": {
        "cloze": (
            "self-fulfilling-prophecy",
            "bold-direction",
            "think-differently",
            "look-around-corners",
        ),
        "scenario": (
            "small-food-banks",
            "product-manager-asked",
            "regional-manager-home",
            "annual-planning-every",
            "youth-leader-asked",
            "founder-urged-investors",
            "engineer-annoyed-clumsy",
        ),
    },
}

REMOVED_KEYS: tuple[str, ...] = (
    "are-right-a-lot:scenario:supplier-fails-days",
    "are-right-a-lot:scenario:design-review-engineer",
    "are-right-a-lot:scenario:dashboard-says-customer",
    "bias-for-action:scenario:team-lead-must",
    "deliver-results:scenario:night-holiday-rush",
    "deliver-results:scenario:team-could-hit",
    "earn-trust:scenario:design-review-engineer",
    "insist-on-the-highest-standards:scenario:logistics-analyst-sees",
    "learn-and-be-curious:scenario:team-lead-asks",
    "learn-and-be-curious:scenario:volunteer-food-bank",
    "strive-to-be-earths-best-employer:scenario:team-short-staffed",
    "success-and-scale-bring-broad-responsibility:scenario:engineer-notices-old",
)
"""Cards of the built-in pack whose scenario or phrase was removed in the same change: the
migration retires them at once (the quiz would on its first run; see quiz.store.retire)."""
