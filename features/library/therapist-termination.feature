Feature: Two more after today (therapist-termination)
  A trainee ends therapy with Harold, whose partner died last year: the goodbye, his gains
  against where he started, and a relapse plan that includes last Christmas's thoughts.

  Scenario: Naming the ending as a goodbye, his gains in his words, and a plan with the darkest part in it
    Given the scenario "therapist-termination"
    When I choose "ending-loss"
    Then Harold's charge is 6
    And the charge is rated good
    And the charge feedback says "there is room for them"
    When I choose "not-daft"
    Then the tone feedback says "not a discharge"
    When I choose "review"
    Then the tone feedback says "The numbers show the change"
    And the flag "reviewed_gains" is set
    When I choose "you-did"
    Then the confidence meter is 7
    And the tone feedback says "The changes are his, so they don't end when the sessions do."
    And I am at "signs"
    When I choose "plan-all"
    Then the tone is rated good
    And the practice is rated good
    And the tone feedback says "Naming the tablets yourself"
    And the flag "asked_risk" is set
    And I am at "plan"
    And "his-evidence" is offered
    When I choose "his-evidence"
    Then the session ends in "well-ended"
    And the objective "ending" is met
    And the objective "gains" is met
    And the objective "plan" is met
    And the objective "continuation" is met
    And the overall score is 100

  Scenario: A good plan question that steps around the tablets, then adding them in
    Given the scenario "therapist-termination"
    When I play "ending-loss, not-daft, review, you-did, plan-it"
    Then the tone is rated good
    And the flag "asked_risk" is not set
    And I am at "plan-partial"
    When I choose "add-thoughts"
    Then the flag "asked_risk" is set
    And I am at "thoughts"
    When I choose "evidence-after"
    Then the session ends in "well-ended"

  Scenario: Answering 'can I come back?' without the tablets in the plan
    Given the scenario "therapist-termination"
    When I play "ending-loss, not-daft, review, you-did, plan-it, maintenance-now"
    Then the practice is rated mixed
    And the session ends in "ended-unsure"
    And the critical item "risk_recheck" is missed
    And the objective "plan" is not met
    And the objective "continuation" is met
    And the overall score is 49

  Scenario: Brushing off Christmas, and letting it be
    Given the scenario "therapist-termination"
    When I play "ending-loss, not-daft, review, you-did, wont-happen"
    Then the timing is rated poor
    And the timing feedback says "Naming warning signs now is the kinder move."
    And the charge is rated poor
    And I am at "brushed"
    When I choose "let-it-be"
    Then the timing feedback says "the hardest part of last year unspoken"
    And the session ends in "no-plan"
    And the critical item "risk_recheck" is missed
    And the overall score is 49

  Scenario: Brushing off Christmas, then going back to it
    Given the scenario "therapist-termination"
    When I play "ending-loss, not-daft, review, you-did, wont-happen, go-back-signs"
    Then the timing is rated mixed
    And the timing feedback says "Going back is the repair"
    And the flag "asked_risk" is set
    And I am at "plan"
    When I choose "maintenance"
    Then the session ends in "well-ended"
    And the critical item "risk_recheck" is not missed

  Scenario: Promising to keep going for as long as he needs
    Given the scenario "therapist-termination"
    When I choose "extend"
    Then the timing is rated poor
    And the tone is rated mixed
    And the charge is rated mixed
    And the charge feedback says "only because the ending has gone away"
    And the flag "promised_forever" is set
    When I choose "keep-promise"
    Then the confidence meter is 1
    And the session ends in "avoided-ending"
    And the objective "continuation" is not met
    And the overall score is 25

  Scenario: Taking the promise back honestly
    Given the scenario "therapist-termination"
    When I play "extend, walk-back"
    Then the flag "promised_forever" is not set
    And the tone feedback says "Taking back a promise is hard, and honest."
    And the charge is rated good
    When I play "not-daft, review, you-did, plan-all, maintenance"
    Then the session ends in "well-ended"

  Scenario: Quoting the rules with crossed arms, then letting him leave hurt
    Given the scenario "therapist-termination"
    When I choose "standard"
    Then the tone is rated poor
    And the practice is rated poor
    And the nonverbal feedback says "Crossed arms make it a closed door."
    And the charge is rated poor
    And the charge feedback says "with hurt rather than with feelings about ending"
    And Harold's charge is 7
    When I choose "let-go"
    Then the timing is rated poor
    And the charge is rated mixed
    And the session ends in "polite-goodbye"
    And the objective "ending" is not met
    And the overall score is 16

  Scenario: Reassuring him while glancing at the clock
    Given the scenario "therapist-termination"
    When I play "ending-loss, not-daft, mixed-watch"
    Then the nonverbal is rated poor
    And the tone is rated mixed
    And the nonverbal feedback says "he'll believe the glance"
    And the trust meter is 7
    And I am at "yes-but"
    And "go-back-review" is offered
    And "go-back" is not offered

  Scenario: Planning before he can see his own strengths
    Given the scenario "therapist-termination"
    When I play "ending-loss, not-daft, signs-first"
    Then the timing is rated mixed
    And the practice is rated mixed
    And the timing feedback says "Reviewing what he has done first gives the plan something to stand on."
    When I choose "plan-all"
    Then "his-evidence" is not offered
    When I choose "maintenance"
    Then the session ends in "ended-unsure"
    And the objective "gains" is not met

  Scenario: 'I'll miss our sessions too', said with an eye on the clock
    Given the scenario "therapist-termination"
    When I choose "ending-loss"
    And I choose "not-daft" in a calm tone with clock_glance
    Then the tone is rated good
    And the nonverbal is rated poor
    And Harold's charge is 7
