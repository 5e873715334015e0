Feature: Who am I now? (new-parent-partner)
  A client four months into parenthood rehearses telling their partner Ravi how lost they feel, and asking for one thing.

  Scenario: Asking for a minute, saying 'I feel lost', letting it land, and one clear request
    Given the scenario "new-parent-partner"
    When I choose "ask-time"
    Then the nonverbal feedback says "so you talk side by side instead of over the sink"
    When I choose "about-me"
    Then the openness meter is 7
    And the tone feedback says "is hard to argue with and easy to hear."
    When I choose "let-land"
    Then the timing is rated good
    And Ravi's charge is 2
    When I choose "saturday"
    Then the tone feedback says "This is a request he can say yes to."
    And the session ends in "yes-and"

  Scenario: 'Where were you at four this morning?', then 'Do you want a medal?'
    Given the scenario "new-parent-partner"
    When I choose "four-am"
    Then the tone is rated poor
    And the timing feedback says "He was mid-offer."
    And Ravi's charge is 6
    When I choose "medal"
    Then Ravi's charge is 9
    And the charge feedback says "they hear the tone and miss the words"
    And the session ends in "walked-out"
    And the overall score is 0

  Scenario: 'I'm really happy' with a sigh and crossed arms, then owning it, then asking for 'more'
    Given the scenario "new-parent-partner"
    When I play "ask-time, all-good"
    Then the nonverbal is rated poor
    And the nonverbal feedback says "Ravi can't tell which to believe, so he starts guessing."
    When I choose "own-it"
    Then the tone feedback says "Not knowing how to start is a perfectly good start."
    When I play "who-am-i, be-there"
    Then the tone is rated mixed
    And the session ends in "vague-yes"

  Scenario: The whole list at once, then picking one thing
    Given the scenario "new-parent-partner"
    When I play "ask-time, about-me, whole-list"
    Then the timing is rated poor
    And the timing feedback says "One request, after a breath, has a much better chance."
    And I am at "overwhelmed"
    When I choose "one-thing"
    Then Ravi's charge is 3
    And the session ends in "yes-and"

  Scenario: A silence that sounds like 'yes, you did something'
    Given the scenario "new-parent-partner"
    When I choose "fine"
    Then the tone is rated poor
    When I choose "quiet"
    Then the timing is rated mixed
    And the timing feedback says "it may sound like yes"
    And Ravi's charge is 5
    And the session ends in "vague-yes"
