from newsletters.models.deliveries import Delivery
from newsletters.models.editions import BreakingAlert, Edition, EditionStory, Newsletter, one_line
from newsletters.models.readers import SignUp, Subscriber, Subscription, Suppression

__all__ = [
    "BreakingAlert",
    "Delivery",
    "Edition",
    "EditionStory",
    "Newsletter",
    "SignUp",
    "Subscriber",
    "Subscription",
    "Suppression",
    "one_line",
]
