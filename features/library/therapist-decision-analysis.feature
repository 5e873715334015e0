Feature: Stay, sell or talk? A bakery partnership at its end (therapist-decision-analysis)
  A trainee helps Nikos widen two bad options, weigh them, and make a choice that stays his.

  Scenario: Naming the lost friendship, widening the options, a quiet moment, and his own decision
    Given the scenario "therapist-decision-analysis"
    When I choose "how-feel-about-gary"
    Then Nikos's charge is 5
    When I choose "loss-too"
    Then the flag "named_loss" is set
    When I choose "widen"
    Then the options meter is 5
    And the tone feedback says "'However unlikely' gives him permission to think out loud."
    When I choose "weigh-each"
    Then "weigh-the-friendship" is offered
    When I choose "referee"
    Then I am at "referee"
    When I choose "sit-quietly"
    Then the timing is rated good
    And the timing feedback says "a quiet moment lets him pick it up himself, and it will be his"
    When I choose "first-step"
    Then the agency meter is 8
    And the session ends in "his-decision"
    And the overall score is 100

  Scenario: Picking an option for him, then pushing him to act this week
    Given the scenario "therapist-decision-analysis"
    When I play "lay-out-options, pick-one"
    Then the timing is rated poor
    And the timing feedback says "He offered you two bad options, and you picked one."
    And the agency meter is 2
    When I choose "commit-him"
    Then Nikos's charge is 8
    And the charge is rated poor
    And the charge feedback says "the house and the family have just arrived in the room"
    And the session ends in "flooded"

  Scenario: Praise with an eye on the phone, answering 'What would you do?', and taking it back
    Given the scenario "therapist-decision-analysis"
    When I play "how-feel-about-gary, loss-too, widen, mixed-good-list"
    Then the nonverbal is rated poor
    And the nonverbal feedback says "He will read the phone, not the words"
    When I choose "answer-him"
    Then the tone is rated mixed
    And the timing feedback says "That is exactly when to hand the question back."
    And I am at "borrowed-decision"
    When I choose "step-back"
    Then the agency meter is 4
    And I am at "gut"

  Scenario: Doubting his choice just as he makes it, and leaving the doubt standing
    Given the scenario "therapist-decision-analysis"
    When I play "lay-out-options, widen, weigh-each, turn-it-back"
    Then the agency meter is 7
    When I choose "second-guess"
    Then the timing is rated poor
    And the timing feedback says "Test a decision by asking what could go wrong, not by offering your own."
    When I choose "leave-it"
    Then the session ends in "round-again"

  Scenario: Approving his choice as if it were yours
    Given the scenario "therapist-decision-analysis"
    When I play "lay-out-options, widen, weigh-each, turn-it-back, praise"
    Then the tone is rated mixed
    And the tone feedback says "it lets slip that you had an answer in mind all along"
    And the session ends in "half-owned"
