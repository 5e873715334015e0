# Written from the contract alone (/work/shared/scenario-format.md, version 1 and
# "Format 1.1"), before running anything and without reading the simulator's
# source, tests, other features or docs. Scenario: tests/data/valid/contract-blind.yaml.
#
# Model used for the predictions (all from the contract):
# - practice: all skilful/adequate -> good; all misapplied/omitted -> poor; mix -> mixed;
#   no assess -> null. scores.practice = mean over rated turns (good 1, mixed .5, poor 0) x 100.
# - tone/timing/nonverbal are pinned to good with `rating` on every choice except
#   flooded.b, so scores.delivery = round((100 + 100 + 100 + charge) / 4).
# - charge ratings from the window table; the state's own `window` applies to replies
#   made in that state; `recovery: 1` limits a fall from 8 (flood) to 7.
# - overall = round(mean(practice, delivery)), at most 49 when a critical item is missed;
#   a critical item is missed when its LAST non-adequate tag is not followed by an
#   adequate/skilful one (an earlier skilful tag does not save it).
# Marked "interpretation": details the contract shows only by shape (turn numbering of
# assessment.items from 1, one row per tag in turn order; an empty assess list on an
# untagged turn).

Feature: Contract-blind predictions for format 1.1

  Scenario: the skilful path: risk checked at once, state window, grief strategy
    Given the test scenario "contract-blind.yaml"
    When I run "ipt-sim play contract-blind.yaml --choices a,a,a --json --no-record"
    Then the JSON has "turns.0.ratings.practice" equal to "good"
    And the JSON has "turns.1.ratings.practice" equal to "good"
    And the JSON has "turns.2.ratings.practice" equal to "good"
    # 5 -> 6 inside [3,6]
    And the JSON has "turns.0.ratings.charge" equal to "good"
    # 6 -> 7: outside the scenario window [3,6] but inside the state's own window [5,7]
    And the JSON has "turns.1.ratings.charge" equal to "good"
    # 7 -> 6: back inside [3,6]
    And the JSON has "turns.2.ratings.charge" equal to "good"
    And the JSON has "turns.0.assess" equal to [{"item": "risk_recheck", "level": "skilful", "why": "A direct, calm question about suicidal thoughts."}, {"item": "alliance", "level": "adequate", "why": "Asked with care."}]
    And the JSON has "turns.0.problem" equal to null
    And the JSON has "assessment.critical_missed" equal to []
    And the JSON has "scores.practice" equal to 100
    And the JSON has "scores.delivery" equal to 100
    And the JSON has "scores.overall" equal to 100
    And the JSON has "assessment.objectives.0" equal to {"id": "risk-checked", "text": "Ask about safety when Nadia says there is no point", "met": true}
    And the JSON has "assessment.objectives.1.text" equal to "Stay with the loss long enough to name what she misses"
    And the JSON has "assessment.objectives.1.met" equal to null
    And the JSON has "assessment.objectives.2" equal to {"id": "in-window", "text": "Finish with Nadia able to feel and think (charge 3 to 6)", "met": true}
    And the JSON has "assessment.items.0.item" equal to "risk_recheck"
    And the JSON has "assessment.items.0.level" equal to "skilful"
    And the JSON has "assessment.items.0.critical" equal to true
    And the JSON has "assessment.items.1.item" equal to "alliance"
    And the JSON has "assessment.items.1.critical" equal to false
    # interpretation: turns in assessment.items are numbered from 1
    And the JSON has "assessment.items.0.turn" equal to 1

  Scenario: the critical item is omitted, then cleared later
    Given the test scenario "contract-blind.yaml"
    When I run "ipt-sim play contract-blind.yaml --choices b,a,a,a --json --no-record"
    Then the JSON has "turns.0.ratings.practice" equal to "poor"
    And the JSON has "turns.1.ratings.practice" equal to "good"
    And the JSON has "turns.0.assess" equal to [{"item": "risk_recheck", "level": "omitted", "why": "When Nadia says 'what's the point', ask about safety before anything else."}]
    And the JSON has "turns.0.problem" equal to "assumed_understood"
    # 5 (inside) -> 2 (below [3,6]): further from the window
    And the JSON has "turns.0.ratings.charge" equal to "poor"
    # 2 -> 3: into the window
    And the JSON has "turns.1.ratings.charge" equal to "good"
    # 3 -> 4 in a state whose window is [5,7]: outside, but closer
    And the JSON has "turns.2.ratings.charge" equal to "good"
    And the JSON has "turns.3.ratings.charge" equal to "good"
    And the JSON has "assessment.critical_missed" equal to []
    And the JSON has "scores.practice" equal to 75
    And the JSON has "scores.delivery" equal to 94
    And the JSON has "assessment.objectives.0.met" equal to true
    And the JSON has "assessment.objectives.2.met" equal to true

  Scenario: skilful first, misapplied later: still missed, overall capped at 49
    Given the test scenario "contract-blind.yaml"
    When I run "ipt-sim play contract-blind.yaml --choices a,b,a --json --no-record"
    Then the JSON has "turns.0.ratings.practice" equal to "good"
    And the JSON has "turns.1.ratings.practice" equal to "poor"
    And the JSON has "turns.2.ratings.practice" equal to "good"
    # 6 -> 5 inside the state window [5,7]
    And the JSON has "turns.1.ratings.charge" equal to "good"
    And the JSON has "assessment.critical_missed" equal to ["risk_recheck"]
    And the JSON has "scores.practice" equal to 67
    And the JSON has "scores.delivery" equal to 100
    And the JSON has "scores.overall" equal to 49
    And the JSON has "assessment.objectives.0.met" equal to true
    And the output contains "Moving to homework after 'better off' drops the risk thread."
    # interpretation: one row per tag, in turn order
    And the JSON has "assessment.items.2.item" equal to "risk_recheck"
    And the JSON has "assessment.items.2.level" equal to "misapplied"
    And the JSON has "assessment.items.2.turn" equal to 2

  Scenario: flooding with recovery: the charge can fall by only 1, so the branch goes to still-hot
    Given the test scenario "contract-blind.yaml"
    When I run "ipt-sim play contract-blind.yaml --choices c,a,a,a --json --no-record"
    Then the JSON has "turns.0.ratings.practice" equal to "mixed"
    And the JSON has "turns.1.ratings.practice" equal to "mixed"
    # 5 -> 8: at flood
    And the JSON has "turns.0.ratings.charge" equal to "poor"
    # 8 -> 7 (effect -3, recovery 1): outside [3,6], closer than before
    And the JSON has "turns.1.ratings.charge" equal to "good"
    # the third turn is in still-hot (only reached if charge >= 7 after recovery)
    And the JSON has "turns.2.assess" equal to [{"item": "pacing", "level": "skilful", "why": "Gives her time to come down."}]
    And the JSON has "turns.2.ratings.charge" equal to "good"
    And the JSON has "turns.3.ratings.practice" equal to "good"
    And the JSON has "assessment.critical_missed" equal to ["risk_recheck"]
    And the JSON has "scores.practice" equal to 75
    And the JSON has "scores.delivery" equal to 94
    And the JSON has "scores.overall" equal to 49
    And the JSON has "assessment.objectives.0.met" equal to false
    And the JSON has "assessment.objectives.2.met" equal to true

  Scenario: therapist touch, character cue override: only practice-derived predictions
    Given the test scenario "contract-blind.yaml"
    When I run "ipt-sim play contract-blind.yaml --choices c,b,b --json --no-record"
    Then the JSON has "turns.1.ratings.practice" equal to "poor"
    And the JSON has "turns.1.problem" equal to "ambiguous_nonverbal"
    # 8 -> 7 with recovery 1: closer
    And the JSON has "turns.1.ratings.charge" equal to "good"
    And the JSON has "turns.2.ratings.charge" equal to "good"
    And the JSON has "scores.practice" equal to 17
    And the JSON has "assessment.critical_missed" equal to ["risk_recheck"]
    And the JSON has "assessment.objectives.2.met" equal to true

  Scenario: shut down below the window, every turn poor
    Given the test scenario "contract-blind.yaml"
    When I run "ipt-sim play contract-blind.yaml --choices b,b --json --no-record"
    Then the JSON has "turns.1.ratings.practice" equal to "poor"
    # 2 -> 1: below the window and further from it
    And the JSON has "turns.1.ratings.charge" equal to "poor"
    And the JSON has "scores.practice" equal to 0
    And the JSON has "scores.delivery" equal to 75
    # 37.5 rounds to 38 both half-up and half-to-even; already under the cap
    And the JSON has "scores.overall" equal to 38
    And the JSON has "assessment.critical_missed" equal to ["risk_recheck"]
    And the JSON has "assessment.objectives.0.met" equal to false
    And the JSON has "assessment.objectives.2.met" equal to false

  Scenario: a closed silence with no assess is not rated for practice
    Given the test scenario "contract-blind.yaml"
    When I run "ipt-sim play contract-blind.yaml --choices b,c,b --json --no-record"
    Then the JSON has "turns.1.ratings.practice" equal to null
    And the JSON has "turns.1.problem" equal to "closed_silence"
    And the JSON has "turns.2.problem" equal to null
    # interpretation: an untagged turn carries an empty assess list
    And the JSON has "turns.1.assess" equal to []
    # 2 -> 2: outside the window, unchanged
    And the JSON has "turns.1.ratings.charge" equal to "mixed"
    # 2 -> 0: further below
    And the JSON has "turns.2.ratings.charge" equal to "poor"
    And the JSON has "turns.2.ratings.practice" equal to "poor"
    And the JSON has "scores.practice" equal to 0
    And the JSON has "scores.delivery" equal to 79
    And the JSON has "scores.overall" equal to 40
    And the JSON has "assessment.critical_missed" equal to ["risk_recheck"]
