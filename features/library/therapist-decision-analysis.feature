Feature: Stay, sell or talk? A bakery partnership at its end (therapist-decision-analysis)
  A trainee helps Nikos name the friendship he is losing, widen two bad options, weigh them,
  and make a choice that stays his.

  Scenario: Naming the lost friendship, widening the options, turning the question back, and his own decision
    Given the scenario "therapist-decision-analysis"
    When I choose "how-feel-about-gary"
    Then Nikos's charge is 5
    When I choose "loss-too"
    Then the flag "named_loss" is set
    And the charge is rated good
    When I choose "widen"
    Then the options meter is 5
    And the tone feedback says "'However unlikely' gives him permission to think out loud."
    When I choose "weigh-each"
    Then "weigh-the-friendship" is offered
    When I choose "turn-it-back"
    Then the tone feedback says "You name his request openly and decline it with a reason he can accept."
    And I am at "gut"
    When I choose "first-step"
    Then the agency meter is 9
    And the session ends in "his-decision"
    And the objective "loss" is met
    And the objective "his-choice" is met
    And the overall score is 100

  Scenario: A tidy decision analysis that never names the friendship does not reach the positive ending
    Given the scenario "therapist-decision-analysis"
    When I play "lay-out-options, widen, weigh-each, turn-it-back"
    Then I am at "gut-unnamed"
    And "loss-then-step" is offered
    When I choose "first-step"
    Then the practice is rated mixed
    And the practice feedback says "the friendship has never been named as a loss"
    And the flag "named_loss" is not set
    And the session ends in "half-owned"
    And the objective "loss" is not met
    And the overall score is 95

  Scenario: Naming the loss he has just voiced, then the first step
    Given the scenario "therapist-decision-analysis"
    When I play "lay-out-options, widen, weigh-each, turn-it-back, loss-then-step"
    Then the flag "named_loss" is set
    And the session ends in "his-decision"

  Scenario: Picking an option for him, then pushing him to act this week
    Given the scenario "therapist-decision-analysis"
    When I play "lay-out-options, pick-one"
    Then the timing is rated poor
    And the practice is rated poor
    And the timing feedback says "He offered you two bad options, and you picked one."
    And the agency meter is 2
    When I choose "commit-him"
    Then Nikos's charge is 8
    And the charge is rated poor
    And the charge feedback says "the house and the family have just arrived in the room"
    And the session ends in "flooded"
    And the overall score is 52

  Scenario: False comfort, a glance at the clock, answering 'What would you do?', and taking it back
    Given the scenario "therapist-decision-analysis"
    When I play "how-feel-about-gary, still-be-friends"
    Then the tone is rated mixed
    And the tone feedback says "a promise neither of you can keep"
    And the practice is rated poor
    And the practice feedback says "'That's a loss too' makes room for it"
    When I play "widen, mixed-good-list"
    Then the nonverbal is rated poor
    And the nonverbal feedback says "He will read the clock, not the words"
    When I choose "answer-him"
    Then the tone is rated mixed
    And the timing feedback says "That is exactly when to hand the question back."
    And I am at "borrowed-decision"
    When I choose "step-back"
    Then the agency meter is 3
    And I am at "gut-unnamed"
    When I choose "loss-then-step"
    Then the session ends in "his-decision"
    And the overall score is 69

  Scenario: Doubting his choice just as he makes it, and leaving the doubt standing
    Given the scenario "therapist-decision-analysis"
    When I play "how-feel-about-gary, loss-too, widen, weigh-each, turn-it-back"
    Then the agency meter is 8
    When I choose "second-guess"
    Then the timing is rated poor
    And the timing feedback says "Test a decision by asking what could go wrong, not by offering your own."
    When I choose "leave-it"
    Then the session ends in "round-again"

  Scenario: Approving his choice as if it were yours
    Given the scenario "therapist-decision-analysis"
    When I play "how-feel-about-gary, loss-too, widen, weigh-each, turn-it-back, praise"
    Then the tone is rated mixed
    And the tone feedback says "it lets slip that you had an answer in mind all along"
    And the session ends in "half-owned"
    And the objective "his-choice" is not met

  Scenario: The lost four a.m. coffee: a quiet moment, and the stage offered as a question
    Given the scenario "therapist-decision-analysis"
    When I play "lay-out-options, widen, weigh-each, referee, miss-him"
    Then the timing is rated good
    And the flag "named_loss" is set
    And I am at "gut-missed"
    When I choose "first-step"
    Then the session ends in "his-decision"

  Scenario: Offering 'less an ending than a stand-off' as a question
    Given the scenario "therapist-decision-analysis"
    When I play "how-feel-about-gary, loss-too, widen, weigh-each, referee, not-over-yet"
    Then the tone is rated good
    And the practice is rated good
    And the flag "restaged" is set
    When I choose "first-step"
    Then the session ends in "his-decision"

  Scenario: The right words said with irritation, and a glance at the clock while he decides
    Given the scenario "therapist-decision-analysis"
    When I play "lay-out-options, widen, weigh-each"
    And I choose "turn-it-back" in an irritated tone
    Then the tone is rated poor
    And the practice is rated good
    When I choose "loss-then-step" in a calm tone with clock_glance
    Then the nonverbal is rated poor
    And the nonverbal feedback says "time is on my mind more than you are"
