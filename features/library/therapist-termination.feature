Feature: Two more after today (therapist-termination)
  A trainee ends therapy with Harold, whose partner died last year: the goodbye, his gains, a relapse plan.

  Scenario: Naming the ending as a goodbye, letting Harold own his gains, and planning for March
    Given the scenario "therapist-termination"
    When I choose "ending-loss"
    Then Harold's charge is 6
    And the charge is rated good
    And the charge feedback says "it's far from flooding"
    When I choose "not-daft"
    Then the tone feedback says "not a discharge"
    When I play "review, you-did"
    Then the confidence meter is 7
    And the tone feedback says "The changes are his, so they don't end when the sessions do."
    When I choose "plan-it"
    Then "his-evidence" is offered
    When I choose "his-evidence"
    Then the session ends in "well-ended"
    And the overall score is 100

  Scenario: Promising to keep going for as long as he needs
    Given the scenario "therapist-termination"
    When I choose "extend"
    Then the timing is rated poor
    And the charge is rated mixed
    And the charge feedback says "only because the ending has gone away"
    And the flag "promised_forever" is set
    When I choose "keep-promise"
    Then the confidence meter is 1
    And the session ends in "avoided-ending"

  Scenario: Taking the promise back honestly
    Given the scenario "therapist-termination"
    When I play "extend, walk-back"
    Then the flag "promised_forever" is not set
    And the tone feedback says "Taking back a promise is hard, and honest."
    When I play "not-daft, review, you-did, plan-it, maintenance"
    Then the session ends in "well-ended"

  Scenario: Quoting the rules with crossed arms, then letting him leave hurt
    Given the scenario "therapist-termination"
    When I choose "standard"
    Then the tone is rated poor
    And the nonverbal feedback says "Crossed arms make it a closed door."
    And Harold's charge is 7
    When I choose "let-go"
    Then the timing is rated poor
    And the session ends in "polite-goodbye"
    And the overall score is 25

  Scenario: Reassuring him while checking the time
    Given the scenario "therapist-termination"
    When I play "ending-loss, not-daft, mixed-watch"
    Then the nonverbal is rated poor
    And the tone is rated mixed
    And the nonverbal feedback says "he'll believe the glance"
    And the trust meter is 7
    And I am at "yes-but"

  Scenario: Planning before he can see his own strengths
    Given the scenario "therapist-termination"
    When I play "ending-loss, not-daft, signs-first"
    Then the timing is rated mixed
    And the timing feedback says "Reviewing what he has done first gives the plan something to stand on."
    When I choose "plan-it"
    Then "his-evidence" is not offered
    When I choose "maintenance"
    Then the session ends in "ended-unsure"
