Feature: Telling the successful one (job-loss-sibling)
  A client rehearses telling their older sister Inês about losing their job, and asking for
  support rather than a plan. The delivery is chosen at three moments (the news, the true
  thing, the request), so "your face matching your words" is practised, not printed.

  Scenario: Saying it straight, asking to be heard, and a quiet moment that lets her open up
    Given the scenario "job-loss-sibling"
    When I choose "straight"
    Then the tone feedback says "Saying the hard fact first stops her guessing"
    And Inês's charge is 4
    And the charge is rated good
    When I choose "hear-me"
    Then Inês's charge is 3
    And the listening meter is 6
    When I choose "true-thing"
    Then the tone feedback says "Letting her see the shame, not just the facts, is what lets her come close."
    And the charge is rated good
    When I choose "stay-quiet"
    Then the timing is rated good
    And the timing feedback says "leaves room for her to say something real back"
    When I choose "ask-support"
    Then the flag "asked_support" is set
    And the listening meter is 9
    And the session ends in "side-by-side"
    And the overall score is 100

  Scenario: Hard news said with a shrug and eyes elsewhere, then said again the way it feels
    Given the scenario "job-loss-sibling"
    When I choose "straight" in a dismissive tone with look_away
    Then the tone is rated poor
    And the nonverbal is rated poor
    And the charge feedback says "she can't tell how to take it"
    And I am at "mixed-signal"
    When I choose "say-again"
    Then the flag "matched" is set
    And the tone feedback says "Now your face and your words agree"
    And I am at "reaction"
    When I play "hear-me, true-thing, since-school"
    Then the tone feedback says "said as a feeling, not an accusation"
    When I choose "ask-support"
    Then the session ends in "side-by-side"

  Scenario: The truth said with a laugh is heard as a joke, and the spreadsheet comes out
    Given the scenario "job-loss-sibling"
    When I play "straight, hear-me"
    And I choose "true-thing" in a sarcastic tone with flat_face
    Then the tone is rated poor
    And the charge feedback says "sounds like a joke at your own expense"
    And I am at "advice-flood"
    When I choose "thanks-fine"
    Then the session ends in "project-plan"

  Scenario: The right request, asked to the floor, gets an unsure yes
    Given the scenario "job-loss-sibling"
    When I play "straight, hear-me, true-thing, stay-quiet"
    And I choose "ask-support" in a pleading tone with look_away
    Then the nonverbal is rated poor
    And the charge feedback says "as if you expect a no"
    And the session ends in "half-heard"

  Scenario: An old dig, then the golden child
    Given the scenario "job-loss-sibling"
    When I choose "dig"
    Then the tone is rated poor
    And the flag "compared" is set
    When I choose "golden-child"
    Then Inês's charge is 8
    And the charge feedback says "Old comparisons heat things up faster than almost anything."
    And the session ends in "cold-exit"
    And the overall score is 0

  Scenario: A funny story, then 'not a big deal', then going along with the plan
    Given the scenario "job-loss-sibling"
    When I choose "laugh-it-off"
    Then the nonverbal is rated poor
    And the nonverbal feedback says "She can't tell how bad it is."
    And I am at "mixed-signal"
    When I choose "no-big-deal"
    Then the nonverbal feedback says "it tells her to leave it alone"
    And I am at "advice-flood"
    When I choose "thanks-fine"
    Then the session ends in "project-plan"

  Scenario: A light voice with restless hands, then going along with the plan
    Given the scenario "job-loss-sibling"
    When I choose "deflect"
    Then the nonverbal is rated poor
    And the nonverbal feedback says "Inês will believe the hands"
    And the timing feedback says "that was the easiest way in you'll get"
    When I play "ask-first, go-along"
    Then the tone feedback says "she will keep fixing because you told her fixing is what you want"
    When I play "spreadsheet-later, brave-version"
    Then the timing is rated poor
    And the nonverbal feedback says "is hard to believe; it tells her to leave it alone"
    And the session ends in "project-plan"

  Scenario: Snapping at her help, repairing with the real feeling, and no second round
    Given the scenario "job-loss-sibling"
    When I play "straight, stop-fixing"
    Then the timing is rated poor
    And Inês's charge is 6
    And the flag "rejected_help" is set
    When I choose "sorry"
    Then Inês's charge is 3
    And the tone feedback says "naming the real feeling, embarrassment, takes the fight out of the room"
    And I am at "open-up"
    When I play "never-wrong"
    Then the session ends in "cold-exit"

  Scenario: A second chance is a different moment, not the same question again
    Given the scenario "job-loss-sibling"
    When I play "straight, hear-me, never-wrong, sorry"
    Then I am at "last-chance"
    When I choose "true-thing"
    Then I am at "hurt"
    When I choose "anyway-marco"
    Then the timing feedback says "This was the closest moment of the conversation."
    And I am at "advice-flood"
    And "sorry-golden" is not offered
    When I choose "spreadsheet-later"
    Then the session ends in "project-plan"
