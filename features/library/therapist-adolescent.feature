Feature: Half ten on Fridays (therapist-adolescent)
  In IPT-A, a trainee restates the limits of confidentiality to a 15-year-old, asks plainly about a
  throwaway risk remark, hears his view first, rehearses his ask in a role play, makes room for his
  grandmother's fear when she joins, and helps them agree a trial.

  Scenario: Limits stated, the risk asked and planned for, a rehearsed ask, and a trial agreed
    Given the scenario "therapist-adolescent"
    When I choose "limits"
    Then the tone is rated good
    And the flag "limits_stated" is set
    And Rhys's charge is 4
    When I choose "how-since"
    Then the tone feedback says "linked the week's events to his mood"
    When I choose "ask-straight"
    Then the flag "asked_risk" is set
    And the tone feedback says "A direct question tells him that what he said was heard"
    When I play "thank-and-ask, plan-and-limits"
    Then the flag "safety_planned" is set
    And the tone feedback says "You kept your word from the start of the session"
    When I play "what-want, practise, step-out, bad-day-nan"
    Then the flag "stress_tested" is set
    When I play "how-was-it, fetch, welcome-order"
    Then the flag "teen_first" is set
    And I am at "rhys-asks"
    When I play "nan-hear, waiting"
    Then the charge is rated good
    And Rhys's charge is 6
    When I choose "stay-with"
    Then the flag "bridged" is set
    When I play "to-nan, trial-review"
    Then the session ends in "trial-end"
    And the overall score is 100

  Scenario: Following the dispute past 'better off if I didn't exist'
    Given the scenario "therapist-adolescent"
    When I play "limits, how-since"
    When I choose "like-nine"
    Then the timing feedback says "needs a plain question about safety"
    And the flag "skipped_risk" is set
    And I am at "his-view"
    When I play "what-want, practise, step-out, bad-day-nan, how-was-it"
    Then "back-to-risk" is offered
    When I play "fetch, welcome-order, nan-hear, waiting, stay-with, to-nan, trial-review"
    Then the session ends in "missed-check"

  Scenario: Going back to the risk remark before his grandmother comes in
    Given the scenario "therapist-adolescent"
    When I play "limits, how-since, like-nine, what-want, practise, step-out, bad-day-nan, how-was-it"
    When I choose "back-to-risk"
    Then the flag "skipped_risk" is not set
    And I am at "cut-once"
    When I play "thank-and-ask, plan-and-limits"
    Then I am at "prepare-nan"
    And "back-to-risk" is not offered
    When I play "fetch, welcome-order, nan-hear, waiting, stay-with, to-nan, trial-review"
    Then the session ends in "trial-end"

  Scenario: Siding with his grandmother, then reporting the self-harm before asking about now
    Given the scenario "therapist-adolescent"
    When I choose "limits"
    When I choose "her-shoes"
    Then the timing is rated poor
    And the charge is rated poor
    And the charge feedback says "getting ready to argue his case again"
    When I choose "ask-straight"
    Then the tone is rated good
    When I choose "must-tell"
    Then the timing is rated poor
    And the charge is rated poor
    And the charge feedback says "flooded"
    And the session ends in "walked-out"

  Scenario: Eye contact lands flat with Rhys, and a clock glance as he says he wishes he didn't exist
    Given the scenario "therapist-adolescent"
    When I choose "limits" in a calm tone with eye_contact
    Then the nonverbal is rated mixed
    And Rhys's charge is 5
    When I choose "how-since"
    When I choose "ask-straight" in a neutral tone with clock_glance
    Then the nonverbal is rated poor
    And the nonverbal feedback says "time is on my mind more than you are"
    And Rhys's charge is 7

  Scenario: An untested rehearsal, the adults' meeting, and a deal imposed
    Given the scenario "therapist-adolescent"
    When I play "limits, how-since, ask-straight, thank-and-ask, plan-and-limits, what-want, practise, step-out"
    When I choose "perfect-done"
    Then the flag "stress_tested" is not set
    And I am at "prepare-nan"
    When I play "fetch, nan-first"
    Then I am at "hood-up"
    When I choose "bring-him-back"
    Then the flag "teen_first" is set
    And I am at "rhys-asks"
    When I play "nan-hear, fact-check"
    Then the charge is rated poor
    And the charge feedback says "arguing for her fear instead of feeling it"
    When I play "repair-ask, tissues"
    Then the nonverbal is rated mixed
    And the nonverbal feedback says "stop crying"
    When I play "to-nan, impose"
    Then the session ends in "partial-end"

  Scenario: Telling him his grandmother has a right to know, and pressing on
    Given the scenario "therapist-adolescent"
    When I choose "guardian"
    Then the timing is rated poor
    And I am at "clammed"
    When I play "push-on, how-since, ask-straight, thank-and-ask"
    Then "plan-and-limits-now" is offered
    And "plan-and-limits" is not offered
