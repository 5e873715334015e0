Feature: How each reply is rated on the four dimensions
  Where a scenario's author gives no rating, the simulator derives one from the catalogs
  (docs/judging.md). These are the rules a learner's feedback rests on.

  Scenario Outline: tone, from warmth and arousal in context
    When a <tone> tone meets a charge of <charge>, flooding at 8
    Then it is rated <rating>

    Examples:
      | tone       | charge | rating |
      | warm       | 3      | good   |
      | calm       | 9      | good   |
      | warm       | 9      | mixed  |
      | curious    | 8      | mixed  |
      | neutral    | 3      | mixed  |
      | pleading   | 3      | mixed  |
      | pleading   | 9      | poor   |
      | defensive  | 3      | poor   |
      | sarcastic  | 1      | poor   |

  Scenario: warmth to someone flooded is named, not just marked down
    When a warm tone meets a charge of 9, flooding at 8
    Then it is rated mixed
    And the feedback says "Even warmth can feel like pressure to someone flooded"

  Scenario Outline: nonverbal cues, and whether they agree with the tone
    When "<words>" is said in a <tone> tone with <cues>
    Then it is rated <rating>

    Examples:
      | words                      | tone      | cues                    | rating |
      | I hear you.                | warm      | eye_contact, nod        | good   |
      | I hear you.                | calm      | no cues                 | mixed  |
      | Whatever.                  | dismissive| arms_crossed, sigh      | poor   |
      | Let's sit down.            | calm      | pause                   | mixed  |

  Scenario: warm words with an eye roll are a mixed message
    When "Of course I care." is said in a warm tone with eye_contact, eye_roll
    Then it is rated poor
    And it is named a mixed message
    And the feedback says "but eye roll says "contempt for what you said". When words and body disagree, people believe the body."

  Scenario Outline: a tone of warmth 1 with a negative cue is a mixed message too
    When "I hear you." is said in a <tone> tone with <cue>
    Then it is rated poor
    And it is named a mixed message

    Examples:
      | tone       | cue          |
      | calm       | eye_roll     |
      | curious    | arms_crossed |
      | tentative  | sigh         |
      | apologetic | look_away    |

  Scenario: a cold tone with soft cues is a mismatch too
    When "Oh, brilliant." is said in a sarcastic tone with soft_voice
    Then it is rated mixed
    And the feedback says "can read as sarcasm or as not meaning it"

  Scenario: matching words and body are not a mixed message
    When "Take your time." is said in a validating tone with soft_voice, lean_in
    Then it is rated good
    And it is not a mixed message

  Scenario Outline: timing, from the tag when the reply is scripted
    When a <timing> reply is scripted at a normal moment
    Then it is rated <rating>

    Examples:
      | timing       | rating |
      | well_timed   | good   |
      | pause        | good   |
      | late         | mixed  |
      | premature    | poor   |
      | interrupting | poor   |
      | rushed       | poor   |

  Scenario Outline: timing, from the measured response time against the moment's pace
    When a well_timed reply comes after <seconds> seconds at a <pace> moment
    Then it is rated <rating>

    Examples:
      | seconds | pace   | rating |
      | 0.5     | slow   | mixed  |
      | 6       | slow   | good   |
      | 0.5     | fast   | good   |
      | 25      | fast   | good   |
      | 100     | fast   | mixed  |
      | 10      | normal | good   |

  Scenario: an instant answer to a slow, painful disclosure is rushed
    When a well_timed reply comes after 0.5 seconds at a slow moment
    Then the feedback says "after something this heavy, a moment's pause shows it was heard"

  Scenario Outline: charge, from what the reply did to the other person
    When the charge goes from <before> to <after>, flooding at 8, lowest 0
    Then it is rated <rating>

    Examples:
      | before | after | rating |
      | 6      | 4     | good   |
      | 4      | 6     | poor   |
      | 5      | 5     | mixed  |
      | 1      | 1     | good   |
      | 7      | 8     | poor   |
      | 9      | 8     | poor   |
      | 2      | 2     | good   |
      | 3      | 3     | mixed  |

  Scenario: flooding is named
    When the charge goes from 7 to 9, flooding at 8, lowest 0
    Then it is rated poor
    And the feedback says "is flooded (charge 9, flooding at 8): words barely land now"

  Scenario Outline: practice, from the reply's assessment levels
    When a reply is tagged <levels>
    Then it is rated <rating>

    Examples:
      | levels               | rating    |
      | skilful              | good      |
      | adequate, skilful    | good      |
      | omitted              | poor      |
      | misapplied, omitted  | poor      |
      | adequate, misapplied | mixed     |
      | with nothing         | not rated |

  Scenario Outline: tone, against what the moment needs
    When a <tone> tone meets a moment that needs a <need> voice
    Then it is rated <rating>

    Examples:
      | tone       | need      | rating |
      | calm       | steady    | good   |
      | warm       | steady    | mixed  |
      | flat       | steady    | poor   |
      | tentative  | tentative | good   |
      | calm       | tentative | mixed  |
      | critical   | tentative | poor   |
      | calm       | clear     | good   |
      | tentative  | clear     | mixed  |
      | pleading   | clear     | poor   |

  Scenario: a warm tone after a disclosure is not automatically good
    When a warm tone meets a moment that needs a steady voice
    Then the feedback says "a warm tone can sound like cheering up or hurrying on"

  Scenario Outline: charge, against the affect window
    When the charge goes from <before> to <after> against a window of 3 to 6, flooding at 8
    Then it is rated <rating>

    Examples:
      | before | after | rating |
      | 7      | 8     | poor   |
      | 3      | 6     | good   |
      | 6      | 3     | good   |
      | 4      | 4     | good   |
      | 1      | 2     | good   |
      | 7      | 7     | mixed  |
      | 2      | 2     | mixed  |
      | 3      | 1     | poor   |
      | 6      | 7     | poor   |

  Scenario: below the window is too little feeling, not flooding
    When the charge goes from 4 to 1 against a window of 3 to 6, flooding at 8
    Then it is rated poor
    And the feedback says "below the window: too little feeling to work with"
  Scenario Outline: flooding starts at the threshold itself
    When the charge goes from <before> to 8, flooding at 8, lowest 0
    Then it is rated poor
    And the feedback says "is flooded (charge 8, flooding at 8)"

    Examples:
      | before |
      | 7      |
      | 9      |
      | 8      |

  Scenario Outline: "the charge stayed low" means the lowest third of the way to flooding
    When the charge goes from <charge> to <charge>, flooding at <flood>, lowest <low>
    Then it is rated <rating>

    Examples:
      | charge | flood | low | rating |
      | 2      | 8     | 0   | good   |
      | 3      | 8     | 0   | mixed  |
      | 4      | 10    | 1   | good   |
      | 5      | 10    | 1   | mixed  |
