Feature: Judging what was done, not only how (format 1.1)
  A therapist scenario tags replies with assessment items. Practice is rated from them, a
  missed critical item caps the session at 49 and heads the debrief, objectives are
  checked, charge is judged against an affect window, and cues land as they do with this
  person, from this chair.

  Background:
    Given the test scenario "after-the-cue.yaml"

  Scenario: practice is good when every item is done, poor when none is, mixed for a mix
    When I run "ipt-sim play after-the-cue.yaml --choices ask --json --no-record"
    Then the JSON has "turns.0.ratings.practice" equal to "good"
    And the JSON has "turns.0.assess" equal to [{"item": "risk_recheck", "level": "skilful", "why": null}]
    When I run "ipt-sim play after-the-cue.yaml --choices cheer --json --no-record"
    Then the JSON has "turns.0.ratings.practice" equal to "poor"
    And the JSON has "turns.0.feedback.practice" equal to "Risk re-checked when cued: missed. After 'what's the point', ask about safety before anything else."
    When I run "ipt-sim play after-the-cue.yaml --choices ask-softly --json --no-record"
    Then the JSON has "turns.0.ratings.practice" equal to "mixed"

  Scenario: a version-1 file has no practice rating, and its overall is its delivery
    Given the example scenario as "money.yaml"
    When I run "ipt-sim play money.yaml --choices counter,follow,own-it --json --no-record"
    Then the JSON has "turns.0.ratings.practice" equal to null
    And the JSON has "scores" equal to {"tone": 50, "timing": 67, "nonverbal": 67, "charge": 67, "practice": null, "delivery": 63, "overall": 63}
    And the JSON has "assessment.critical_missed" equal to []

  Scenario: a critical item skipped and never taken up again is missed
    When I run "ipt-sim play after-the-cue.yaml --choices cheer,work --json --no-record"
    Then the JSON has "assessment.critical_missed" equal to ["risk_recheck"]
    And the JSON has "assessment.items.0" equal to {"item": "risk_recheck", "title": "Risk re-checked when cued", "level": "omitted", "turn": 1, "critical": true}

  Scenario: a later adequate turn clears an earlier miss
    When I run "ipt-sim play after-the-cue.yaml --choices cheer,go-back,stay --json --no-record"
    Then the JSON has "assessment.critical_missed" equal to []
    And the JSON has "scores.overall" equal to 69

  Scenario: a missed critical item caps a good-looking session at 49, and the debrief says so first
    When I run "ipt-sim play after-the-cue.yaml --choices hand,grief-now,stay --json --no-record"
    Then the JSON has "scores" equal to {"tone": 100, "timing": 100, "nonverbal": 67, "charge": 100, "practice": 67, "delivery": 92, "overall": 49}
    When I run "ipt-sim play after-the-cue.yaml --choices hand,grief-now,stay --no-record"
    Then the output, read as prose, contains "Not yet competent: risk re-checked when cued. Comfort can wait a moment: first ask whether she has thought of ending her life."
    And the output contains "(overall is capped at 49 while a critical item is missed)"
    And the output contains "  - Risk re-checked when cued: missed (turn 1)."

  Scenario: objectives are met, not met, or not checked
    When I run "ipt-sim play after-the-cue.yaml --choices ask,stay --json --no-record"
    Then the JSON has "assessment.objectives" equal to [{"id": "asked", "text": "Ask plainly about safety after the cue", "met": true}, {"id": null, "text": "Stay with her grief when it comes", "met": null}]
    When I run "ipt-sim play after-the-cue.yaml --choices cheer,work --no-record"
    Then the output contains "  - Ask plainly about safety after the cue: not met."
    And the output contains "  - Stay with her grief when it comes: not checked."

  Scenario Outline: the charge against the affect window [3, 6], flooding at 8
    When I run "ipt-sim play after-the-cue.yaml --choices <choices> --json --no-record"
    Then the JSON has "turns.<turn>.meters_after.charge" equal to <after>
    And the JSON has "turns.<turn>.ratings.charge" equal to "<rating>"
    And the output contains "<words>"

    Examples:
      | choices                     | turn | after | rating | words                                                                        |
      | ask,every-detail            | 1    | 9     | poor   | Nadia is flooded (charge 9, flooding at 8)                                  |
      | ask                         | 0    | 4     | good   | The charge is 4, inside the window (3 to 6)                                  |
      | ask,every-detail,here       | 2    | 7     | good   | The charge moved from 9 to 7, towards the window (3 to 6).                   |
      | cheer,go-back               | 1    | 2     | mixed  | The charge stayed at 2, below the window: too little feeling to work with   |
      | cheer                       | 0    | 2     | poor   | The charge went from 4 to 2, further below the window: too little feeling    |

  Scenario: below the window the feedback never speaks of flooding
    When I run "ipt-sim play after-the-cue.yaml --choices ask,tissues --json --no-record"
    Then the JSON has "turns.1.ratings.charge" equal to "poor"
    And the output does not contain "flooded"

  Scenario: recovery: flooding does not vanish in one sentence
    # "here" lowers the charge by 5, but recovery 2 lets it fall from 9 to 7 only
    When I run "ipt-sim play after-the-cue.yaml --choices ask,every-detail,here --json --no-record"
    Then the JSON has "turns.2.meters_before.charge" equal to 9
    And the JSON has "turns.2.meters_after.charge" equal to 7

  Scenario: a character's own cue: eye contact is hard for Nadia
    When I run "ipt-sim play after-the-cue.yaml --choices ask --json --no-record"
    Then the JSON has "turns.0.ratings.nonverbal" equal to "mixed"
    And the JSON has "turns.0.feedback.nonverbal" equal to "Your body gave little away either way."

  Scenario: touch from the therapist is cautionary, not good
    When I run "ipt-sim play after-the-cue.yaml --choices hand --json --no-record"
    Then the JSON has "turns.0.ratings.nonverbal" equal to "mixed"
    And the output contains "Touch from a therapist is cautionary"

  Scenario: no praise beside a flag
    When I run "ipt-sim play after-the-cue.yaml --choices cheer --json --no-record"
    Then the JSON has "turns.0.ratings.tone" equal to "good"
    And the JSON has "turns.0.feedback.tone" equal to "You said it in a warm tone; the delivery is not what went wrong here."
    And the output does not contain "fitted the moment"

  Scenario: a tone the moment does not need is mixed, and the feedback says why
    # 'point' needs a clear voice; a tentative one makes the risk question sound optional
    When I run "ipt-sim play after-the-cue.yaml --choices ask-softly --json --no-record"
    Then the JSON has "turns.0.ratings.tone" equal to "mixed"
    And the output contains "This needed saying plainly; a tentative tone makes it sound optional, or unsafe to answer honestly."

  Scenario: the communication problem is named in the analysis table and the JSON
    When I run "ipt-sim play after-the-cue.yaml --choices cheer,work --json --no-record"
    Then the JSON has "turns.1.problem" equal to "assumed_understood"
    And the JSON has "turns.0.problem" equal to null
    When I run "ipt-sim play after-the-cue.yaml --choices cheer,work --no-record"
    Then the output contains "Communication problem: Assuming you have understood."

  Scenario: techniques are credited for how they were done
    When I run "ipt-sim play after-the-cue.yaml --choices cheer,work --no-record"
    Then the output, read as prose, contains "Attempted, misapplied: Reassurance. After 'what's the point', ask about safety before anything else."
    And the output contains "Missed where called for: Risk assessment, Validation."
    When I run "ipt-sim play after-the-cue.yaml --choices ask,stay --no-record"
    Then the output contains "IPT techniques used well: Risk assessment, Encouragement of affect."
    And the output does not contain "Missed where called for"

  Scenario: the alternative that clears a missed risk check comes first
    When I run "ipt-sim play after-the-cue.yaml --choices cheer,work --no-record"
    Then the output, read as prose, contains "What else you could have said: "Can I go back to something? You said 'what's the point'. Do you ever think of ending your life?""

  Scenario: a trainee is pointed to their supervisor, and help is signposted for their region
    When I run "ipt-sim play after-the-cue.yaml --choices cheer,work --no-record --region AU"
    Then the output, read as prose, contains "take it to your supervisor or someone you trust"
    And the output does not contain "your therapist"
    And the output contains "Lifeline: 13 11 14, any time."
    And the output contains "Griefline: 1300 845 745."

  Scenario: a scenario with a content note signposts on a good ending too
    When I run "ipt-sim play after-the-cue.yaml --choices ask,stay --no-record --region IE"
    Then the output contains "Ending: The grief has room (positive)"
    And the output contains "If you need support now:"
    And the output contains "Samaritans: call 116 123, free, any time; or text HELLO to 50808."
    And the output does not contain "take a slow breath"

  Scenario: the region comes from IPT_SIM_REGION when no --region is given
    When I run "env IPT_SIM_REGION=NZ ipt-sim play after-the-cue.yaml --choices ask,stay --no-record"
    Then the output contains "Need to talk? Call or text 1737, free, any time."

  Scenario: a mixed message the learner produced counts against their practice (congruence)
    When I run "ipt-sim play talking-to-dad --choices hear-her,share-own@warm@look_away --json --no-record --yes"
    Then the JSON has "turns.1.ratings.practice" equal to "mixed"
    And the JSON has "turns.1.assess.1" equal to {"item": "congruence", "level": "misapplied", "why": "The words said one thing and the body another; people believe the body. Say it with a face and voice that mean it."}
    When I run "ipt-sim play talking-to-dad --choices hear-her,share-own --json --no-record --yes"
    Then the JSON has "turns.1.ratings.practice" equal to "good"
