Feature: The drawer that sticks (talking-to-dad)
  A client rehearses sharing their grief with their father six months after their mum died.
  Dad's charge has a window (3 to 5, and 4 to 6 at the kitchen table on Sundays): feeling
  is welcome, flooding (7) is not. For Dad a steady gaze is neither here nor there; sitting
  beside him is what helps.

  Scenario: Walking through the door he opens, then going first with your own grief
    Given the scenario "talking-to-dad"
    When I choose "hear-her"
    Then Dad's charge is 4
    And the charge is rated good
    And the charge feedback says "he's nowhere near his limit"
    When I choose "share-own"
    Then the flag "shared_own" is set
    And the tone feedback says "You went first, so he doesn't have to."
    And the charge is rated good
    And "both-miss" is offered
    When I choose "both-miss"
    Then Dad's charge is 6
    And the charge is rated good
    And the closeness meter is 7
    And the session ends in "shared"
    And the overall score is 100

  Scenario: A side-by-side start and a silence after the laugh
    Given the scenario "talking-to-dad"
    When I play "lend-hand, yellow"
    Then Dad's charge is 4
    And the charge is rated good
    And the charge feedback says "inside the window"
    When I choose "quiet"
    Then the timing is rated good
    And the timing feedback says "He fills it himself."
    When I choose "me-neither"
    Then the flag "shared_own" is set
    And the session ends in "shared"

  Scenario: The right words said standing over him flood him, and he walks out when pressed
    Given the scenario "talking-to-dad"
    When I choose "hear-her"
    And I choose "share-own" in a warm tone with standing_over
    Then the nonverbal is rated poor
    And the nonverbal feedback says "When words and body disagree, people believe the body."
    And Dad's charge is 7
    And the charge is rated poor
    And the charge feedback says "land as a demand, and it is more than he can bear"
    And I am at "pressed"
    When I choose "keep-going"
    Then the timing is rated poor
    And the nonverbal is rated mixed
    And the session ends in "walked-off"

  Scenario: Looking straight at him is neither here nor there for Dad
    Given the scenario "talking-to-dad"
    When I choose "hear-her"
    And I choose "share-own" in a warm tone with eye_contact
    Then the nonverbal is rated mixed
    And I am at "sundays"

  Scenario: "We both keep busy" said as a verdict, then waiting out the flood
    Given the scenario "talking-to-dad"
    When I play "hear-her, share-own"
    And I choose "both-miss" in a critical tone with soft_voice, sit_down
    Then the tone is rated poor
    And Dad's charge is 8
    And the charge feedback says "and he can't bear it"
    And I am at "pressed"
    When I choose "stay-near"
    Then Dad's charge is 7
    And the charge feedback says "Flooding doesn't vanish in one sentence"
    And I am at "settling"
    When I choose "wait"
    Then Dad's charge is 6
    And the timing is rated good
    And I am at "tv"
    When I choose "meant-it"
    Then the session ends in "door-ajar"

  Scenario: Pushing him to talk, then defending the push, and he walks out
    Given the scenario "talking-to-dad"
    When I choose "talk-now"
    Then the timing is rated poor
    And the tone feedback says "tells him he's late with his grief"
    And Dad's charge is 6
    And the charge is rated poor
    When I choose "argue"
    Then Dad's charge is 8
    And the charge is rated poor
    And the charge feedback says "he's flooded, past the point where he can hear anything at all"
    And the session ends in "walked-off"

  Scenario: An apology with folded arms doesn't land, and he retreats to the rugby
    Given the scenario "talking-to-dad"
    When I choose "talk-now"
    And I choose "soften" in an apologetic tone with arms_crossed
    Then the nonverbal is rated poor
    And Dad's charge is 6
    And the charge feedback says "he hears a formality, not an apology"
    And I am at "tv"

  Scenario: Pushing, then saying sorry for the push, and the album comes out
    Given the scenario "talking-to-dad"
    When I play "talk-now, soften"
    Then Dad's charge is 4
    And the charge is rated good
    And the flag "repaired" is set
    When I choose "both-miss"
    Then the session ends in "shared"

  Scenario: Letting him off with a sigh, then watching the match in silence
    Given the scenario "talking-to-dad"
    When I play "lend-hand, cupboards"
    Then the timing is rated poor
    And the timing feedback says "it skips over missing her"
    And the charge is rated poor
    When I choose "mixed-fine"
    Then the nonverbal feedback says "he'll believe the sigh, not the words"
    And Dad's charge is 1
    And I am at "tv"
    When I choose "just-watch"
    Then the charge is rated mixed
    And the charge feedback says "below the window"
    And the session ends in "unspoken"

  Scenario: A plan for Sundays just as he lets you see them
    Given the scenario "talking-to-dad"
    When I play "hear-her, share-own, fix-sundays"
    Then the charge is rated poor
    And the charge feedback says "The tears went back in"
    And the session ends in "practical-help"

  Scenario: Urging the tears floods him
    Given the scenario "talking-to-dad"
    When I play "hear-her, share-own, let-it-out"
    Then Dad's charge is 8
    And the charge is rated poor
    And the tone feedback says "asks for tears on cue"
    And the nonverbal feedback says "Beside him is easier than in front of him."
    And I am at "pressed"
    When I choose "stay-near"
    Then I am at "settling"
    When I choose "fill-silence"
    Then the timing is rated poor
    And I am at "tv"
