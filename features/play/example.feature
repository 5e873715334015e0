Feature: Playing the format doc's example with scripted replies
  The three paths the format doc promises, through `ipt-sim play --choices --json`.

  Background:
    Given the example scenario as "money.yaml"

  Scenario: acknowledging the worry renegotiates at once
    When I run "ipt-sim play money.yaml --choices acknowledge --json --no-record"
    Then the exit code is 0
    And the JSON has "ending.id" equal to "renegotiating"
    And the JSON has "meters" equal to {"charge": 4, "trust": 5}

  Scenario: countering, then following and owning it, still renegotiates
    When I run "ipt-sim play money.yaml --choices counter,follow,own-it --json --no-record"
    Then the exit code is 0
    And the JSON has "ending.id" equal to "renegotiating"
    And the JSON has "turns.1.next" equal to "still-hot"
    And the JSON has "meters" equal to {"charge": 5, "trust": 6}

  Scenario: countering and letting go deepens the impasse
    When I run "ipt-sim play money.yaml --choices counter,let-go --json --no-record"
    Then the exit code is 0
    And the JSON has "ending.id" equal to "impasse-deepens"
    And the JSON has "ending.outcome" equal to "negative"
    And the JSON has "ending.heard.says" equal to "I'm going to my sister's."
    And the JSON has "meters" equal to {"charge": 10, "trust": 1}

  Scenario: a choice that is not offered is refused, naming what is
    When I run "ipt-sim play money.yaml --choices counter,own-it --no-record"
    Then the exit code is 1
    And the output contains "ipt-sim: state 'escalation' has no choice 'own-it'; offered: 1. follow, 2. let-go"
    And there is no traceback

  Scenario: there is no reply number 0
    When I run "ipt-sim play money.yaml --choices 0 --no-record"
    Then the exit code is 1
    And the output contains "ipt-sim: there is no choice number 0 in state 'doorway'; offered: 1. counter, 2. acknowledge, 3. silence"
    And there is no traceback

  Scenario: the author's rating is for the choice's own delivery, not one the learner chose
    Given the test scenario "delivery.yaml" with "        tones: [sarcastic, flat]" replaced by "        tones: [sarcastic, flat]\n        rating: {tone: good, nonverbal: good}"
    When I run "ipt-sim play delivery.yaml --choices no-kindly@sarcastic@eye_roll --json --no-record"
    Then the JSON has "turns.0.ratings.tone" equal to "poor"
    And the JSON has "turns.0.ratings.nonverbal" equal to "poor"

  Scenario: replies by number
    When I run "ipt-sim play money.yaml --choices 2 --json --no-record"
    Then the JSON has "turns.0.choice" equal to "acknowledge"
