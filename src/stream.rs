//! Following a query's `continue` to the end, as a stream of typed items.

use futures_core::Stream;
use futures_util::StreamExt;
use serde_json::{Map, Value};
use std::collections::VecDeque;

use crate::__private::Params;
use crate::client::{decode, Client};
use crate::error::Error;
use crate::exec::{Call, Tally};
use crate::request::Request;

type Item<R> = <<R as Request>::Response as IntoIterator>::Item;
type Page<R> = Result<Vec<Item<R>>, Error<<R as Request>::ErrorCode>>;

/// Where a stream stands.
struct Pages<R> {
    client: Client,
    /// The request, until it is encoded.
    request: Option<R>,
    /// Parts still to follow: the one under way first, then those of a split request not
    /// started yet.
    queue: VecDeque<Part>,
    done: bool,
}

/// One part of a request (a split request has several), followed page by page.
struct Part {
    /// The part as encoded. MediaWiki's rule is that each next page is asked for with the
    /// original request and exactly the latest `continue` object: keys of an older one may
    /// belong to a module that is done, and sent again they take it back to where it was.
    base: Params,
    /// The `continue` object of the page before; none for the first page.
    after: Option<Map<String, Value>>,
}

impl Part {
    fn first(base: Params) -> Part {
        Part { base, after: None }
    }

    /// The request for this page: the base, with the latest `continue` values set over it.
    fn params(&self) -> Params {
        let mut params = self.base.clone();
        for (key, value) in self.after.iter().flatten() {
            match value {
                Value::String(text) => params.set(key, text),
                other => params.set(key, &other.to_string()),
            }
        }
        params
    }
}

/// The items of every page of `request`.
pub(crate) fn pages<R>(
    client: Client,
    request: R,
) -> impl Stream<Item = Result<Item<R>, Error<R::ErrorCode>>> + Send + 'static
where
    R: Request + Send + Sync + 'static,
    R::Response: IntoIterator,
    Item<R>: Send,
{
    let start = Pages {
        client,
        request: Some(request),
        queue: VecDeque::new(),
        done: false,
    };
    futures_util::stream::unfold(start, |mut pages| async move {
        let page = pages.next_page().await?;
        Some((page, pages))
    })
    .flat_map(|page: Page<R>| {
        let items: Vec<_> = match page {
            Ok(items) => items.into_iter().map(Ok).collect(),
            Err(error) => vec![Err(error)],
        };
        futures_util::stream::iter(items)
    })
}

impl<R> Pages<R>
where
    R: Request,
    R::Response: IntoIterator,
{
    async fn next_page(&mut self) -> Option<Page<R>> {
        if self.done {
            return None;
        }
        if let Some(request) = self.request.take() {
            match self.client.encode(&request).await {
                Ok(params) => self
                    .queue
                    .extend(params.parts().into_iter().map(Part::first)),
                Err(error) => return Some(self.fail(error)),
            }
        }
        let part = self.queue.pop_front()?;

        let call = Call::of::<R>();
        let answer = match self
            .client
            .execute(&call, &part.params(), &mut Tally::default())
            .await
        {
            Ok(answer) => answer,
            Err(error) => return Some(self.fail(error.recode())),
        };
        if let Some(next) = continued(part, &answer) {
            self.queue.push_front(next);
        }
        match decode::<R>(answer) {
            Ok(response) => Some(Ok(response.into_iter().collect())),
            Err(error) => Some(self.fail(error)),
        }
    }

    fn fail(&mut self, error: Error<R::ErrorCode>) -> Page<R> {
        self.done = true;
        Err(error)
    }
}

/// The part's next page, when the answer says there is one.
fn continued(part: Part, answer: &Value) -> Option<Part> {
    let values = answer.get("continue")?.as_object()?;
    Some(Part {
        base: part.base,
        after: Some(values.clone()),
    })
}
