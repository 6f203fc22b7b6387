"""The browser app (Chainlit): a thin shell over agent.session.DesignSession.

`ftdesign ui` (agent/ui/command.py) prepares a Chainlit root inside the project and
runs agent/ui/app.py. The other modules render stops, handle buttons, uploads and
downloads, the calibration workshop, and keep chat history on SQLite.
"""
