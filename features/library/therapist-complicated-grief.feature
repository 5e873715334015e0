Feature: The fence, the tomatoes, and Lucía (therapist-complicated-grief)
  A trainee helps Rafael, widowed fourteen months, say the anger and guilt he keeps behind
  the fence, and asks plainly when he says he would rather be where she is.

  Scenario: Following Rafael back to Lucía, room for the anger, and a plain question about his wish
    Given the scenario "therapist-complicated-grief"
    When I choose "door-back"
    Then Rafael's charge is 5
    And the charge is rated good
    And the charge feedback says "it is still well below flooding"
    When I choose "silence"
    Then the timing is rated good
    And the charge feedback says "He is gathering himself to say something hard."
    And I am at "doctor"
    When I choose "stay-anger"
    Then Rafael's charge is 6
    And the charge is rated good
    And the flag "named_anger" is set
    And the tone feedback says "You named the anger without flinching"
    When I choose "both-true"
    Then I am at "both-sides"
    When I choose "ask-wish"
    Then the tone is rated good
    And the tone feedback says "naming the quieter wish not to wake up"
    And the flag "asked_risk" is set
    And I am at "rafael-answer"
    And "door-link" is offered
    When I choose "door-link"
    Then the trust meter is 10
    And the session ends in "whole-picture"
    And the objective "risk" is met
    And the objective "whole-relationship" is met
    And the overall score is 100

  Scenario: Following him to the fence is rated as a step away from the grief
    Given the scenario "therapist-complicated-grief"
    When I choose "fence"
    Then the tone is rated good
    And the practice is rated poor
    And the timing is rated poor
    And the charge is rated poor
    And the charge feedback says "further from the grief you are there to work on"
    And Rafael's charge is 3
    When I choose "accept"
    Then the timing feedback says "going along with the fence ends the session where it started"
    And the session ends in "closed-door"

  Scenario: Three questions at once flood him; staying with him lets it pass, slowly
    Given the scenario "therapist-complicated-grief"
    When I play "door-back, stubborn-how, stacked"
    Then the timing is rated poor
    And the practice is rated poor
    And the practice feedback says "Three questions at once"
    And the charge is rated poor
    And the charge feedback says "Rafael is flooded"
    And Rafael's charge is 9
    And I am at "flooded"
    When I choose "ground"
    Then the practice is rated good
    And the charge is rated good
    And the charge feedback says "Flooding takes minutes to ease, not a sentence"
    And Rafael's charge is 7
    And I am at "settling"
    When I choose "no-sorry"
    Then Rafael's charge is 6
    And I am at "anger-said"

  Scenario: Asking for more while he is flooded
    Given the scenario "therapist-complicated-grief"
    When I play "door-back, stubborn-how, stacked, push-on"
    Then the timing is rated poor
    And the tone is rated mixed
    And the timing feedback says "He can't take in a question right now."
    And the session ends in "too-much"

  Scenario: The right words, with the tissues pushed across
    Given the scenario "therapist-complicated-grief"
    When I play "door-back, stubborn-how, stacked"
    And I choose "ground" in a calm tone with offer_tissues
    Then the tone is rated good
    And the nonverbal is rated mixed
    And the nonverbal feedback says "leave them within reach and let the tears be"

  Scenario: A good link that steps over 'I'd rather be where she is', and he leaves unasked
    Given the scenario "therapist-complicated-grief"
    When I play "door-back, silence, stay-anger, both-true, link-stuck"
    Then the timing is rated poor
    And the practice is rated mixed
    And the practice feedback says "The link is well made, but it steps over"
    And the timing feedback says "'I'd rather be where she is' needed a question of its own first."
    And I am at "unasked"
    When I choose "leave-it"
    Then the practice is rated poor
    And the session ends in "unheard"
    And the critical item "risk_recheck" is missed
    And the objective "risk" is not met
    And the overall score is 49

  Scenario: Going back to ask before he leaves
    Given the scenario "therapist-complicated-grief"
    When I play "door-back, silence, stay-anger, both-true, link-stuck, go-back"
    Then the timing is rated mixed
    And the timing feedback says "Going back is the repair"
    And the flag "asked_risk" is set
    And "door-close" is offered
    And "door-link" is not offered
    And the critical item "risk_recheck" is not missed
    When I choose "door-close"
    Then the session ends in "whole-picture"

  Scenario: Telling Rafael it is time to move on, then owning it
    Given the scenario "therapist-complicated-grief"
    When I choose "move-on"
    Then the timing is rated poor
    And the tone is rated mixed
    And the timing feedback says "tells him the grief is overdue"
    And the openness meter is 0
    And "reopen" is offered
    When I choose "reopen"
    Then the tone feedback says "grief doesn't have a deadline"
    And I am at "half-open"

  Scenario: A glance at the clock while Rafael tells you the hardest thing, then a repair
    Given the scenario "therapist-complicated-grief"
    When I play "door-back, silence, mixed-glance"
    Then the nonverbal is rated poor
    And the nonverbal feedback says "Kind words with an eye on the clock are a mixed message"
    And the trust meter is 4
    When I choose "repair"
    Then the tone feedback says "turns a rupture into a moment of trust"
    And the flag "named_anger" is set
    When I play "both-true, ask-wish, door-photos"
    Then the session ends in "whole-picture"

  Scenario: Testing the evidence for 'she left me' instead of answering his question
    Given the scenario "therapist-complicated-grief"
    When I play "door-back, silence, stay-anger, evidence"
    Then the tone is rated mixed
    And the practice is rated poor
    And the practice feedback says "Testing the evidence for a thought is cognitive therapy, not IPT."
    And the tone feedback says "got a worksheet"
    And the nonverbal feedback says "Writing while you test his thought"
    And the session ends in "closed-door"
