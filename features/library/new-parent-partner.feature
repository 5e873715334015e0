Feature: Who am I now? (new-parent-partner)
  A client four months into parenthood rehearses telling their partner Ravi how lost they
  feel, and asking for one thing. Ravi's charge has a window (2 to 5): his worry and being
  moved are welcome. "Keep your face and body saying the same as your words" is practised
  by choosing the delivery of "I feel lost" and of the request.

  Scenario: Asking for a minute, saying 'I feel lost', letting it land, and one clear request
    Given the scenario "new-parent-partner"
    When I choose "ask-time"
    Then the nonverbal feedback says "so you talk side by side instead of over the sink"
    When I choose "about-me"
    Then the openness meter is 7
    And the tone feedback says "is hard to argue with and easy to hear."
    And Ravi's charge is 4
    And the charge is rated good
    And the charge feedback says "he is worried now, and listening"
    When I choose "let-land"
    Then the timing is rated good
    And the charge is rated good
    When I choose "saturday"
    Then the tone feedback says "This is a request he can say yes to."
    And the flag "asked_one" is set
    And the session ends in "yes-and"
    And the overall score is 100

  Scenario: 'I feel lost' said with folded arms, then putting words and face back together
    Given the scenario "new-parent-partner"
    When I choose "ask-time"
    And I choose "about-me" in a tentative tone with arms_crossed
    Then the nonverbal is rated poor
    And Ravi's charge is 6
    And the charge feedback says "sounds like a complaint about him"
    And I am at "mixed-read"
    When I choose "own-match"
    Then the flag "matched" is set
    And I am at "heard"
    When I play "let-land, saturday"
    Then the session ends in "yes-and"

  Scenario: The feeling with a complaint tucked in, and 'you never listen'
    Given the scenario "new-parent-partner"
    When I play "ask-time, lost-but-bitter"
    Then the tone feedback says "turns them into a complaint about him"
    And I am at "mixed-read"
    When I choose "you-never-listen"
    Then the flag "blamed" is set
    And Ravi's charge is 8
    And the charge feedback says "Ravi is flooded"
    And the session ends in "walked-out"

  Scenario: The right request said with a sigh, and he hedges
    Given the scenario "new-parent-partner"
    When I play "ask-time, about-me, let-land"
    And I choose "saturday" in an irritated tone with sigh
    Then the tone is rated poor
    And the nonverbal is rated poor
    And the charge feedback says "sounds like a complaint, and he hedges"
    And I am at "negotiating"
    When I choose "sunday"
    Then the session ends in "yes-and"

  Scenario: 'Where were you at four this morning?', then 'Do you want a medal?'
    Given the scenario "new-parent-partner"
    When I choose "four-am"
    Then the tone is rated poor
    And the timing feedback says "He was mid-offer."
    And Ravi's charge is 6
    When I choose "medal"
    Then Ravi's charge is 9
    And the charge feedback says "they hear the tone and miss the words"
    And the charge feedback says "Ravi is flooded"
    And the session ends in "walked-out"
    And the overall score is 0

  Scenario: 'I'm really happy' with a sigh and crossed arms, then owning it, then asking for 'more'
    Given the scenario "new-parent-partner"
    When I play "ask-time, all-good"
    Then the nonverbal is rated poor
    And the nonverbal feedback says "Ravi can't tell which to believe, so he starts guessing."
    When I choose "own-it"
    Then the tone feedback says "Not knowing how to start is a perfectly good start."
    And the flag "matched" is set
    When I play "who-am-i, be-there"
    Then the tone is rated mixed
    And the tone feedback says "gives him nothing to hold on to"
    And the session ends in "vague-yes"

  Scenario: The whole list at once, then picking one thing
    Given the scenario "new-parent-partner"
    When I play "ask-time, about-me, whole-list"
    Then the timing is rated poor
    And the timing feedback says "One request, after a breath, has a much better chance."
    And I am at "overwhelmed"
    When I choose "one-thing"
    Then Ravi's charge is 4
    And the session ends in "yes-and"

  Scenario: 'It's fine', then a silence that sounds like 'yes, you did something'
    Given the scenario "new-parent-partner"
    When I choose "fine"
    Then the tone is rated poor
    And the charge is rated poor
    And the charge feedback says "below the window"
    When I choose "quiet"
    Then the timing is rated mixed
    And the timing feedback says "it may sound like yes"
    And Ravi's charge is 3
    And the session ends in "vague-yes"
